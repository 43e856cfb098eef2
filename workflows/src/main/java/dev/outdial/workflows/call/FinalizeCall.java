package dev.outdial.workflows.call;

import java.util.UUID;

/**
 * Writes a call's final state.
 *
 * @param status the terminal status Bolna reported, or {@code failed} when none came
 * @param reason why it failed without a status from Bolna, else null
 * @param retryPossible whether attempts are left: a queue item that was not connected then goes
 *     back to {@code queued}, to be dialed again after the campaign's retry delay
 */
public record FinalizeCall(
    UUID callId,
    String executionId,
    UUID queueItemId,
    UUID campaignId,
    int attempt,
    String status,
    String reason,
    boolean retryPossible) {}
