package dev.outdial.app.temporal;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the app's Temporal client points.
 *
 * @param target host:port of the frontend
 * @param namespace the namespace of our workflows
 * @param embedded whether the app runs that server itself
 * @param uiUrl Temporal Web UI for that server, or empty when there is none to link to
 */
public record TemporalConnection(String target, String namespace, boolean embedded, String uiUrl) {

  /** The page of a workflow in Temporal Web UI, or null when there is no Web UI. */
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
}
