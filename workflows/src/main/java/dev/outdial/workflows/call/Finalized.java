package dev.outdial.workflows.call;

import java.util.UUID;

/**
 * A call's final state as written.
 *
 * @param callId the call row (for an inbound call, the one made when its first webhook came)
 * @param answered a conversation happened (so it is billed and scored)
 * @param notConnected busy, no answer, or completed without a conversation: worth another attempt
 * @param durationSeconds the conversation's length
 * @param status the call row's status
 * @param billable billed although nobody talked (a voicemail, where the platform bills those);
 *     false in histories from before
 */
public record Finalized(
    UUID callId,
    boolean answered,
    boolean notConnected,
    int durationSeconds,
    String status,
    boolean billable) {

  public Finalized(
      UUID callId, boolean answered, boolean notConnected, int durationSeconds, String status) {
    this(callId, answered, notConnected, durationSeconds, status, false);
  }
}
