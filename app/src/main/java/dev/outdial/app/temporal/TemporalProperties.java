package dev.outdial.app.temporal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Temporal is.
 *
 * @param target host:port of a real Temporal frontend; empty starts the embedded test server
 * @param namespace the namespace our workflows live in
 * @param embeddedPort the port of the embedded test server; 0 picks a free one
 */
@ConfigurationProperties("outdial.temporal")
public record TemporalProperties(
    @DefaultValue("") String target,
    @DefaultValue("default") String namespace,
    @DefaultValue("7233") int embeddedPort) {

  public boolean embedded() {
    return target == null || target.isBlank();
  }
}
