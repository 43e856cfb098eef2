package dev.outdial.workflows.call;

import java.util.UUID;

/**
 * Ends a queued call that got no call (no credits, the provider refused).
 *
 * @param status {@code skipped} or {@code failed}
 * @param workflowId the call's workflow, which names a one-off call's request; null in histories
 *     from before one-off calls were queued
 */
public record CloseWithoutCall(
    UUID queueItemId, UUID campaignId, String status, String reason, String workflowId) {

  public CloseWithoutCall(UUID queueItemId, UUID campaignId, String status, String reason) {
    this(queueItemId, campaignId, status, reason, null);
  }
}
