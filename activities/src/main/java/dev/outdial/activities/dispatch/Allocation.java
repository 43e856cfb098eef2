package dev.outdial.activities.dispatch;

import java.util.UUID;

/**
 * A call slot given to a campaign's queue item or to a one-off call.
 *
 * @param queueItemId the campaign item, or null for a one-off call
 * @param oneOffWorkflowId the one-off call's workflow (its request's key), or null for an item
 */
public record Allocation(UUID queueItemId, UUID userId, UUID campaignId, String oneOffWorkflowId) {

  public static Allocation campaignItem(UUID queueItemId, UUID userId, UUID campaignId) {
    return new Allocation(queueItemId, userId, campaignId, null);
  }

  public static Allocation oneOff(String workflowId, UUID userId) {
    return new Allocation(null, userId, null, workflowId);
  }
}
