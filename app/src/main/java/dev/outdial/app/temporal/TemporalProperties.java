package dev.outdial.app.temporal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where Temporal is.
 *
 * @param target host:port of a real Temporal frontend; empty starts the embedded test server
 * @param namespace the namespace our workflows live in
 * @param embeddedPort the port of the embedded test server; 0 picks a free one
 * @param uiUrl the address of Temporal Web UI for this server, such as {@code
 *     http://localhost:8088}; the console links campaigns and calls to their workflows there
 */
@ConfigurationProperties("outdial.temporal")
public record TemporalProperties(
    @DefaultValue("") String target,
    @DefaultValue("default") String namespace,
    @DefaultValue("7233") int embeddedPort,
    @DefaultValue("") String uiUrl) {

  /** The page of a workflow in Temporal Web UI, or null when no Web UI is configured. */
  public String workflowUrl(String workflowId) {
    if (uiUrl == null || uiUrl.isBlank() || workflowId == null) {
      return null;
    }
    return UriComponentsBuilder.fromUriString(uiUrl.strip())
        .pathSegment("namespaces", namespace, "workflows", workflowId)
        .build()
        .encode()
        .toUriString();
  }

  public boolean embedded() {
    return target == null || target.isBlank();
  }
}
