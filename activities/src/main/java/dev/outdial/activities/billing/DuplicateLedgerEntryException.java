package dev.outdial.activities.billing;

/**
 * The entry repeats one the ledger holds already (the same Stripe payment, a second usage debit for
 * one call). Nothing was changed.
 */
public class DuplicateLedgerEntryException extends RuntimeException {

  public DuplicateLedgerEntryException(LedgerEntry entry, Throwable cause) {
    super(
        "The ledger already holds a "
            + entry.type().dbValue()
            + " entry like this one for user "
            + entry.userId(),
        cause);
  }
}
