package dev.outdial.app.temporal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled false makes an API-only node that polls no task queue, so API and workers scale
 *     out separately
 */
@ConfigurationProperties("outdial.worker")
public record WorkerProperties(@DefaultValue("true") boolean enabled) {}
