package dev.outdial.activities.dispatch;

import java.util.UUID;

/** A queue item given a call slot: it is now {@code processing} and gets a call workflow. */
public record Allocation(UUID queueItemId, UUID userId, UUID campaignId) {}
