package dev.outdial.workflows.call;

import io.temporal.activity.ActivityInterface;
import java.util.UUID;

/** What a call needs from Postgres and Bolna. */
@ActivityInterface
public interface CallActivities {

  /** Whether the owner has at least one credit. Read-only; safe to retry. */
  boolean hasCredits(UUID userId);

  /**
   * Places the call at most once per {@link PlaceCall#attemptKey()}: the intent is recorded before
   * Bolna is asked, and when a run may have reached Bolna without recording the answer, the next
   * run looks the call up at Bolna (by the attempt key in its user_data) instead of dialing again.
   * Fails with the non-retryable type {@value #PROVIDER_REFUSED} when Bolna refuses the call.
   */
  Placement placeCall(PlaceCall request);

  /**
   * Asks Bolna for the execution, stores the payload like a webhook and answers its status. Safe to
   * retry.
   */
  String pollStatus(String executionId);

  /**
   * Writes the call's final state in one transaction: the call row, transcript, contact, queue
   * item, campaign counters and the agent's daily analytics. Idempotent: a second run changes
   * nothing.
   */
  Finalized finalizeCall(FinalizeCall request);

  /** Ends a queue item that got no call. Idempotent. */
  void closeWithoutCall(CloseWithoutCall request);

  /** A one-off call's workflow has ended: its request needs no recovery any more. */
  void endRequest(String workflowId);

  /** Failure type: Bolna refused to place the call; retrying the same request fails again. */
  String PROVIDER_REFUSED = "ProviderRefused";

  /** Failure type: whether the call was placed could not be settled; it is not placed again. */
  String PLACEMENT_UNKNOWN = "PlacementUnknown";
}
