package dev.outdial.workflows.call;

import java.util.UUID;

/**
 * What came of asking to place a call: a placed call (our call row and Bolna's execution), or the
 * dial gate's refusal, which never dialed.
 *
 * @param refusal null when placed; {@code wait} (ask again after {@code retryAfterMillis}), {@code
 *     requeued} (the item went back to its queue), or the status the call closed with ({@code
 *     skipped}, {@code cancelled})
 * @param reason why it was refused
 */
public record Placement(
    UUID callId, String executionId, String refusal, String reason, long retryAfterMillis) {

  public static final String WAIT = "wait";
  public static final String REQUEUED = "requeued";

  public static Placement placed(UUID callId, String executionId) {
    return new Placement(callId, executionId, null, null, 0);
  }

  public static Placement waiting(long retryAfterMillis, String reason) {
    return new Placement(null, null, WAIT, reason, retryAfterMillis);
  }

  public static Placement requeued(String reason) {
    return new Placement(null, null, REQUEUED, reason, 0);
  }

  public static Placement closed(String status, String reason) {
    return new Placement(null, null, status, reason, 0);
  }

  public boolean refused() {
    return refusal != null;
  }
}
