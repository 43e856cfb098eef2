package dev.outdial.workflows.call;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * One call to make (or, for an inbound call, to follow), with its retry rules.
 *
 * @param userId the owner, who pays
 * @param agentId our agent
 * @param bolnaAgentId Bolna's id of the agent
 * @param contactId the contact called, or null when unknown yet (one-off call to a bare number)
 * @param queueItemId the campaign queue item, or null outside campaigns
 * @param campaignId the campaign, or null
 * @param phoneNumber E.164
 * @param userData variables for the agent's prompt
 * @param inboundExecutionId for an inbound call, Bolna's execution; null for outbound
 * @param maxAttempts how many times to dial when the callee does not answer
 * @param retryDelay the wait between those attempts
 * @param noNewsTimeout how long to wait for a final status before asking Bolna
 * @param firstAttempt the number of this run's first attempt: a campaign item dialed again after
 *     going back to the queue continues its count (0 or 1 for a first run)
 * @param queued whether the call came from a queue that dials it again (a campaign item, or a
 *     one-off call given its slot by the allocator): a call nobody answered then goes back to that
 *     queue instead of waiting inside the workflow
 * @param maxCallLength how long after placing a call Bolna is still asked about it while it reports
 *     the call live; then the call ends as {@code unknown}, never dialed again (null: 2 h)
 */
public record CallRequest(
    UUID userId,
    UUID agentId,
    String bolnaAgentId,
    UUID contactId,
    UUID queueItemId,
    UUID campaignId,
    String phoneNumber,
    Map<String, String> userData,
    String inboundExecutionId,
    int maxAttempts,
    Duration retryDelay,
    Duration noNewsTimeout,
    int firstAttempt,
    boolean queued,
    Duration maxCallLength) {

  public static final Duration DEFAULT_MAX_CALL_LENGTH = Duration.ofHours(2);

  /** A call as workflows started before one-off calls were queued carried it. */
  public CallRequest(
      UUID userId,
      UUID agentId,
      String bolnaAgentId,
      UUID contactId,
      UUID queueItemId,
      UUID campaignId,
      String phoneNumber,
      Map<String, String> userData,
      String inboundExecutionId,
      int maxAttempts,
      Duration retryDelay,
      Duration noNewsTimeout,
      int firstAttempt) {
    this(
        userId,
        agentId,
        bolnaAgentId,
        contactId,
        queueItemId,
        campaignId,
        phoneNumber,
        userData,
        inboundExecutionId,
        maxAttempts,
        retryDelay,
        noNewsTimeout,
        firstAttempt,
        queueItemId != null,
        null);
  }

  /** The same call, followed no longer than {@code length} while Bolna reports it live. */
  public CallRequest withMaxCallLength(Duration length) {
    return new CallRequest(
        userId,
        agentId,
        bolnaAgentId,
        contactId,
        queueItemId,
        campaignId,
        phoneNumber,
        userData,
        inboundExecutionId,
        maxAttempts,
        retryDelay,
        noNewsTimeout,
        firstAttempt,
        queued,
        length);
  }

  public Duration effectiveMaxCallLength() {
    return maxCallLength == null ? DEFAULT_MAX_CALL_LENGTH : maxCallLength;
  }

  /**
   * A call Bolna already has, inbound or no longer followed: the workflow follows it to its end
   * (finalizes, bills, scores) and never dials.
   */
  public static CallRequest following(
      UUID userId,
      UUID agentId,
      String bolnaAgentId,
      UUID contactId,
      String phoneNumber,
      String executionId,
      Duration noNewsTimeout) {
    return new CallRequest(
        userId,
        agentId,
        bolnaAgentId,
        contactId,
        null,
        null,
        phoneNumber,
        Map.of(),
        executionId,
        1,
        Duration.ZERO,
        noNewsTimeout,
        1);
  }

  /** A one-off call the allocator gave a slot, at the attempt its request has reached. */
  public static CallRequest queuedOneOff(
      UUID userId,
      UUID agentId,
      String bolnaAgentId,
      UUID contactId,
      String phoneNumber,
      Map<String, String> userData,
      int maxAttempts,
      Duration retryDelay,
      Duration noNewsTimeout,
      int attempt) {
    return new CallRequest(
        userId,
        agentId,
        bolnaAgentId,
        contactId,
        null,
        null,
        phoneNumber,
        userData,
        null,
        maxAttempts,
        retryDelay,
        noNewsTimeout,
        attempt,
        true,
        null);
  }

  public boolean inbound() {
    return inboundExecutionId != null;
  }
}
