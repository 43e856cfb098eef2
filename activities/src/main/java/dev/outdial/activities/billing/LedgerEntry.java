package dev.outdial.activities.billing;

import java.util.Objects;
import java.util.UUID;

/**
 * One change of a user's credits.
 *
 * @param userId whose credits change
 * @param type why they change
 * @param amount credits added (positive) or taken (negative)
 * @param description what the user reads in their statement
 * @param stripePaymentId the Stripe payment behind a purchase or refund, else null
 * @param callId the call behind a usage debit, else null
 * @param createdBy the admin behind an adjustment, else null
 * @param idempotencyKey a key of the caller's; an entry whose key was applied before is not applied
 *     again, so a retried request or a repeated webhook changes nothing. Null: no deduplication.
 */
public record LedgerEntry(
    UUID userId,
    CreditType type,
    int amount,
    String description,
    String stripePaymentId,
    UUID callId,
    UUID createdBy,
    String idempotencyKey) {

  public LedgerEntry {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
  }

  public static LedgerEntry of(UUID userId, CreditType type, int amount, String description) {
    return new LedgerEntry(userId, type, amount, description, null, null, null, null);
  }

  public LedgerEntry withIdempotencyKey(String key) {
    return new LedgerEntry(
        userId, type, amount, description, stripePaymentId, callId, createdBy, key);
  }

  public LedgerEntry withStripePaymentId(String paymentId) {
    return new LedgerEntry(
        userId, type, amount, description, paymentId, callId, createdBy, idempotencyKey);
  }

  public LedgerEntry withCallId(UUID call) {
    return new LedgerEntry(
        userId, type, amount, description, stripePaymentId, call, createdBy, idempotencyKey);
  }

  public LedgerEntry withCreatedBy(UUID admin) {
    return new LedgerEntry(
        userId, type, amount, description, stripePaymentId, callId, admin, idempotencyKey);
  }
}
