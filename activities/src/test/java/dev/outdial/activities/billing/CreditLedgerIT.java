package dev.outdial.activities.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class CreditLedgerIT {

  private static DataSource dataSource;
  private static JdbcClient jdbc;
  private static CreditLedger ledger;

  @BeforeAll
  static void database() {
    dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    ledger = new CreditLedger(jdbc, new DataSourceTransactionManager(dataSource));
  }

  private static UUID newUser() {
    return new TestRows(jdbc).user(0, 2);
  }

  private static int credits(UUID user) {
    return ledger.balance(user).orElseThrow();
  }

  private static int ledgerSum(UUID user) {
    return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM credit_transactions WHERE user_id = :id")
        .param("id", user)
        .query(Integer.class)
        .single();
  }

  @Test
  void anEntryChangesTheBalanceAndAppendsARowWithTheBalanceAfter() {
    UUID user = newUser();

    LedgerResult result = ledger.apply(LedgerEntry.of(user, CreditType.BONUS, 15, "Welcome"));

    assertThat(result.balanceAfter()).isEqualTo(15);
    assertThat(credits(user)).isEqualTo(15).isEqualTo(ledgerSum(user));
    assertThat(
            jdbc.sql("SELECT balance_after FROM credit_transactions WHERE id = :id")
                .param("id", result.transactionId())
                .query(Integer.class)
                .single())
        .isEqualTo(15);
  }

  @Test
  void anEntryThatWouldGoBelowZeroIsRefusedAndChangesNothing() {
    UUID user = newUser();
    ledger.apply(LedgerEntry.of(user, CreditType.BONUS, 5, "Welcome"));

    // What the refusal says is what the user reads: the balance and the change refused.
    assertThatThrownBy(
            () -> ledger.apply(LedgerEntry.of(user, CreditType.ADMIN_ADJUSTMENT, -6, "Too much")))
        .isInstanceOfSatisfying(
            InsufficientCreditsException.class,
            e -> {
              assertThat(e.userId()).isEqualTo(user);
              assertThat(e.balance()).isEqualTo(5);
              assertThat(e.amount()).isEqualTo(-6);
            });
    assertThat(credits(user)).isEqualTo(5).isEqualTo(ledgerSum(user));
  }

  @Test
  void anAdjustmentNamesTheAdminWhoMadeIt() {
    UUID user = newUser();
    UUID admin = newUser();

    LedgerResult result =
        ledger.apply(
            LedgerEntry.of(user, CreditType.ADMIN_ADJUSTMENT, 7, "Goodwill").withCreatedBy(admin));

    assertThat(
            jdbc.sql("SELECT created_by FROM credit_transactions WHERE id = :id")
                .param("id", result.transactionId())
                .query(UUID.class)
                .single())
        .isEqualTo(admin);
  }

  @Test
  void aDebitOfTheWholeBalanceIsAppliedAndLeavesZero() {
    UUID user = newUser();
    ledger.apply(LedgerEntry.of(user, CreditType.BONUS, 5, "Welcome"));

    LedgerResult result =
        ledger.apply(LedgerEntry.of(user, CreditType.ADMIN_ADJUSTMENT, -5, "All of it"));

    assertThat(result.applied()).isEqualTo(-5);
    assertThat(result.balanceAfter()).isZero();
    assertThat(credits(user)).isZero().isEqualTo(ledgerSum(user));
  }

  @Test
  void aClampedDebitTakesTheBalanceToZeroAndReportsTheShortfall() {
    UUID user = newUser();
    ledger.apply(LedgerEntry.of(user, CreditType.BONUS, 3, "Welcome"));
    LedgerEntry debit = LedgerEntry.of(user, CreditType.USAGE, -5, "A five-minute call");

    LedgerResult result = ledger.applyClamped(debit);

    assertThat(result.applied()).isEqualTo(-3);
    assertThat(result.shortfall(debit)).isEqualTo(2);
    assertThat(credits(user)).isZero().isEqualTo(ledgerSum(user));
  }

  @Test
  void anEntryWithAKeyAppliedBeforeIsNotAppliedAgain() {
    UUID user = newUser();
    LedgerEntry entry =
        LedgerEntry.of(user, CreditType.PURCHASE, 100, "Bought")
            .withIdempotencyKey("pay-1-" + user);

    LedgerResult first = ledger.apply(entry);
    LedgerResult second = ledger.apply(entry);

    assertThat(second.duplicate()).isTrue();
    assertThat(second.transactionId()).isEqualTo(first.transactionId());
    assertThat(credits(user)).isEqualTo(100).isEqualTo(ledgerSum(user));
  }

  @Test
  void aSecondPurchaseWithTheSameStripePaymentIsRefusedByTheDatabase() {
    UUID user = newUser();
    String payment = "pi_" + user;
    ledger.apply(
        LedgerEntry.of(user, CreditType.PURCHASE, 10, "Bought").withStripePaymentId(payment));

    assertThatThrownBy(
            () ->
                ledger.apply(
                    LedgerEntry.of(user, CreditType.PURCHASE, 10, "Bought again")
                        .withStripePaymentId(payment)))
        .isInstanceOf(DuplicateLedgerEntryException.class);
    assertThat(credits(user)).isEqualTo(10).isEqualTo(ledgerSum(user));
  }

  @Test
  void anUnknownUserIsRefused() {
    assertThatThrownBy(
            () -> ledger.apply(LedgerEntry.of(UUID.randomUUID(), CreditType.BONUS, 1, "x")))
        .isInstanceOf(UnknownUserException.class);
  }

  @Test
  void concurrentCreditsAndDebitsLoseNoUpdateAndNeverGoBelowZero() throws Exception {
    UUID user = newUser();
    ledger.apply(LedgerEntry.of(user, CreditType.BONUS, 50, "Start"));
    int threads = 8;
    int perThread = 50;
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Callable<Integer>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      work.add(
          () -> {
            int applied = 0;
            for (int i = 0; i < perThread; i++) {
              // Even threads mostly take, odd threads mostly give, so the balance hits zero often.
              int amount = (thread % 2 == 0) ? -3 : 2;
              try {
                applied +=
                    ledger
                        .apply(LedgerEntry.of(user, CreditType.ADMIN_ADJUSTMENT, amount, "race"))
                        .applied();
              } catch (InsufficientCreditsException e) {
                refused.incrementAndGet();
              }
            }
            return applied;
          });
    }
    int appliedTotal = 50;
    for (Future<Integer> result : pool.invokeAll(work)) {
      appliedTotal += result.get();
    }
    pool.shutdown();

    assertThat(credits(user)).isEqualTo(appliedTotal).isEqualTo(ledgerSum(user));
    assertThat(
            jdbc.sql("SELECT count(*) FROM credit_transactions WHERE user_id = :id")
                .param("id", user)
                .query(Integer.class)
                .single())
        .isEqualTo(1 + threads * perThread - refused.get());
    assertThat(
            jdbc.sql("SELECT min(balance_after) FROM credit_transactions WHERE user_id = :id")
                .param("id", user)
                .query(Integer.class)
                .single())
        .isGreaterThanOrEqualTo(0);
  }

  @Test
  void aDebitInProgressDoesNotHoldUpADialOfTheSameUser() throws Exception {
    UUID user = newUser();
    UUID agent = new TestRows(jdbc).agent(user);
    ledger.apply(LedgerEntry.of(user, CreditType.BONUS, 10, "Welcome"));

    new TransactionTemplate(new DataSourceTransactionManager(dataSource))
        .executeWithoutResult(
            debitStillOpen -> {
              ledger.apply(LedgerEntry.of(user, CreditType.USAGE, -2, "A call"));
              // The gate records a dial's intent with a row that refers to the user. The
              // balance's row lock must not make it wait for the debit to commit: every dial of
              // the platform waits behind the gate.
              try (Connection dial = dataSource.getConnection();
                  Statement statement = dial.createStatement()) {
                statement.execute("SET lock_timeout = '2s'");
                statement.execute(
                    "INSERT INTO call_attempts (attempt_key, workflow_id, user_id, agent_id,"
                        + " phone_number) VALUES ('dial-during-debit:1', 'dial-during-debit', '"
                        + user
                        + "', '"
                        + agent
                        + "', '+14155550100')");
              } catch (SQLException e) {
                throw new AssertionError("The dial waited for the debit: " + e.getMessage(), e);
              }
            });

    assertThat(credits(user)).isEqualTo(8).isEqualTo(ledgerSum(user));
  }
}
