package dev.outdial.workflows.call;

import java.util.UUID;

/**
 * Ends a queue item that got no call (no credits, the provider refused).
 *
 * @param status {@code skipped} or {@code failed}
 */
public record CloseWithoutCall(UUID queueItemId, UUID campaignId, String status, String reason) {}
