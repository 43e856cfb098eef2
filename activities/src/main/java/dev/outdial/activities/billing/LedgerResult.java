package dev.outdial.activities.billing;

import java.util.UUID;

/**
 * What the ledger did with an entry.
 *
 * @param transactionId the ledger row written, or the earlier row with the same idempotency key
 * @param applied the amount actually applied (a clamped debit applies less than asked)
 * @param balanceAfter the user's balance after the entry
 * @param duplicate true when the idempotency key had been applied before and nothing changed now
 */
public record LedgerResult(UUID transactionId, int applied, int balanceAfter, boolean duplicate) {

  /** Credits asked for but not taken because the balance would have gone below zero. */
  public int shortfall(LedgerEntry entry) {
    return duplicate ? 0 : Math.abs(entry.amount() - applied);
  }
}
