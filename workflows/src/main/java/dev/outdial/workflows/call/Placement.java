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
 * @param resumed the call had been placed by an earlier run (recovery restarted its workflow):
 *     webhooks may have come while no workflow followed it, so Bolna is asked at once
 */
public record Placement(
    UUID callId,
    String executionId,
    String refusal,
    String reason,
    long retryAfterMillis,
    boolean resumed) {

  public static final String WAIT = "wait";
  public static final String REQUEUED = "requeued";

  public static Placement placed(UUID callId, String executionId) {
    return new Placement(callId, executionId, null, null, 0, false);
  }

  /** A call an earlier run placed. */
  public static Placement resumed(UUID callId, String executionId) {
    return new Placement(callId, executionId, null, null, 0, true);
  }

  public static Placement waiting(long retryAfterMillis, String reason) {
    return new Placement(null, null, WAIT, reason, retryAfterMillis, false);
  }

  public static Placement requeued(String reason) {
    return new Placement(null, null, REQUEUED, reason, 0, false);
  }

  public static Placement closed(String status, String reason) {
    return new Placement(null, null, status, reason, 0, false);
  }

  public boolean refused() {
    return refusal != null;
  }
}
