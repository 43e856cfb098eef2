package dev.outdial.app.billing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the credit ledger; writing is {@code CreditLedger}'s alone. */
@Repository
class CreditTransactionRepository {

  private final JdbcClient jdbc;

  CreditTransactionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<CreditTransactionView> findPage(
      UUID userId, Instant afterCreatedAt, UUID afterId, int size) {
    return jdbc.sql(
            """
            SELECT id, type, amount, balance_after, description, stripe_payment_id, call_id,
                   created_by, created_at
            FROM credit_transactions
            WHERE user_id = :userId
              AND (CAST(:afterCreatedAt AS timestamptz) IS NULL
                   OR (created_at, id) < (CAST(:afterCreatedAt AS timestamptz), :afterId))
            ORDER BY created_at DESC, id DESC
            LIMIT :size
            """)
        .param("userId", userId)
        .param("afterCreatedAt", afterCreatedAt == null ? null : Timestamp.from(afterCreatedAt))
        .param("afterId", afterId)
        .param("size", size)
        .query(CreditTransactionView.class)
        .list();
  }

  /** Credits bought with a payment, minus what earlier refunds of it took back. */
  /**
   * Locks the payment's purchase row until the transaction ends, so refunds of one payment are
   * computed one after another, each seeing what the one before took back.
   */
  void lockPurchase(String stripePaymentId) {
    jdbc.sql(
            """
            SELECT id FROM credit_transactions
            WHERE stripe_payment_id = :paymentId AND type = 'purchase'
            FOR UPDATE
            """)
        .param("paymentId", stripePaymentId)
        .query()
        .listOfRows();
  }

  Optional<PaymentCredits> findPayment(String stripePaymentId) {
    return jdbc.sql(
            """
            SELECT user_id,
                   SUM(amount) FILTER (WHERE type = 'purchase') AS purchased,
                   COALESCE(-SUM(amount) FILTER (WHERE type = 'refund'), 0) AS refunded
            FROM credit_transactions
            WHERE stripe_payment_id = :paymentId
            GROUP BY user_id
            """)
        .param("paymentId", stripePaymentId)
        .query(PaymentCredits.class)
        .optional()
        .filter(payment -> payment.purchased() != null);
  }

  record PaymentCredits(UUID userId, Integer purchased, int refunded) {}
}
