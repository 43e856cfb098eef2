package dev.outdial.app.node;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled false makes a worker-only node: no REST API, no console, no webhooks (the actuator
 *     stays), so API nodes and workers scale out separately
 */
@ConfigurationProperties("outdial.api")
public record ApiProperties(@DefaultValue("true") boolean enabled) {}
