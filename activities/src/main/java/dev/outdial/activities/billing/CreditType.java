package dev.outdial.activities.billing;

/** The kinds of credit movement, as stored in {@code credit_transactions.type}. */
public enum CreditType {
  PURCHASE,
  USAGE,
  BONUS,
  ADMIN_ADJUSTMENT,
  REFUND;

  public String dbValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
