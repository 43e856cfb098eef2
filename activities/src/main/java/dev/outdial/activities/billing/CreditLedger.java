package dev.outdial.activities.billing;

import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The only way {@code users.credits} changes. Each entry updates the balance and appends its {@code
 * credit_transactions} row (with {@code balance_after}) in one transaction, so for every user the
 * balance equals the sum of the ledger's amounts.
 *
 * <p>Concurrent entries for one user are serialised by a row lock on the user, so no update is
 * lost; the database's CHECKs keep every balance at zero or more. Entries with an idempotency key
 * are applied at most once. A caller's surrounding transaction is joined, so a debit can commit
 * together with the call it pays for.
 */
@Component
public class CreditLedger {

  private static final Logger log = LoggerFactory.getLogger(CreditLedger.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public CreditLedger(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /**
   * Applies the entry in full.
   *
   * @throws InsufficientCreditsException when the balance would go below zero (nothing changes)
   * @throws UnknownUserException when the user does not exist
   */
  public LedgerResult apply(LedgerEntry entry) {
    return transaction.execute(status -> applyLocked(entry, false));
  }

  /**
   * Applies the entry, taking at most what the balance holds: a debit larger than the balance takes
   * the balance down to zero and {@link LedgerResult#shortfall} says what was not taken.
   */
  public LedgerResult applyClamped(LedgerEntry entry) {
    return transaction.execute(status -> applyLocked(entry, true));
  }

  /** The user's balance now. */
  public Optional<Integer> balance(UUID userId) {
    return jdbc.sql("SELECT credits FROM users WHERE id = :id")
        .param("id", userId)
        .query(Integer.class)
        .optional();
  }

  private LedgerResult applyLocked(LedgerEntry entry, boolean clamp) {
    int balance =
        jdbc.sql("SELECT credits FROM users WHERE id = :id FOR NO KEY UPDATE")
            .param("id", entry.userId())
            .query(Integer.class)
            .optional()
            .orElseThrow(() -> new UnknownUserException(entry.userId()));

    if (entry.idempotencyKey() != null) {
      Optional<UUID> earlier = findByIdempotencyKey(entry.idempotencyKey());
      if (earlier.isPresent()) {
        log.info(
            "Ledger entry {} for user {} was applied before; nothing changes",
            entry.idempotencyKey(),
            entry.userId());
        return new LedgerResult(earlier.get(), 0, balance, true);
      }
    }

    int amount = entry.amount();
    if (balance + amount < 0) {
      if (!clamp) {
        throw new InsufficientCreditsException(entry.userId(), balance, amount);
      }
      amount = -balance;
    }
    int balanceAfter = balance + amount;

    jdbc.sql("UPDATE users SET credits = :credits, updated_at = now() WHERE id = :id")
        .param("credits", balanceAfter)
        .param("id", entry.userId())
        .update();
    UUID transactionId;
    try {
      transactionId =
          jdbc.sql(
                  """
                  INSERT INTO credit_transactions
                    (user_id, type, amount, balance_after, description, stripe_payment_id,
                     call_id, created_by, idempotency_key)
                  VALUES
                    (:userId, :type, :amount, :balanceAfter, :description, :stripePaymentId,
                     :callId, :createdBy, :idempotencyKey)
                  RETURNING id
                  """)
              .param("userId", entry.userId())
              .param("type", entry.type().dbValue())
              .param("amount", amount)
              .param("balanceAfter", balanceAfter)
              .param("description", entry.description())
              .param("stripePaymentId", entry.stripePaymentId())
              .param("callId", entry.callId())
              .param("createdBy", entry.createdBy())
              .param("idempotencyKey", entry.idempotencyKey())
              .query(UUID.class)
              .single();
    } catch (DuplicateKeyException e) {
      // A unique index (payment id, one usage row per call) says this happened already; the
      // surrounding transaction rolls the balance change back.
      throw new DuplicateLedgerEntryException(entry, e);
    }
    log.info(
        "Credits of user {}: {} {} -> balance {} ({})",
        entry.userId(),
        entry.type().dbValue(),
        amount,
        balanceAfter,
        entry.description());
    return new LedgerResult(transactionId, amount, balanceAfter, false);
  }

  private Optional<UUID> findByIdempotencyKey(String key) {
    return jdbc.sql("SELECT id FROM credit_transactions WHERE idempotency_key = :key")
        .param("key", key)
        .query(UUID.class)
        .optional();
  }
}
