package dev.outdial.workflows.call;

import java.util.UUID;

/**
 * How the call ended.
 *
 * @param callId the last attempt's call row, or null when no call was placed
 * @param executionId Bolna's execution of the last attempt
 * @param status completed, failed, skipped
 * @param answered whether a conversation happened
 * @param attempts how many times it dialed
 * @param creditsUsed credits debited
 * @param reason why it did not complete, or null
 */
public record CallOutcome(
    UUID callId,
    String executionId,
    String status,
    boolean answered,
    int attempts,
    int creditsUsed,
    String reason) {}
