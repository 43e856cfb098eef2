package dev.outdial.workflows.call;

import io.temporal.activity.ActivityInterface;
import java.util.UUID;

@ActivityInterface
public interface BillingActivities {

  /**
   * Debits the call's credits (one per started minute unless configured otherwise) through the
   * ledger, at most once per call, never below zero: a shortfall is recorded on the call. Answers
   * the credits debited.
   */
  int debitCall(UUID callId);
}
