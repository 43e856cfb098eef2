package dev.outdial.activities.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The ledger on real Postgres, for random sequences of purchases, usage, refunds, bonuses and
 * adjustments, with repeated idempotency keys and Stripe payments: each entry does what a plain
 * model of a balance says, the balance always equals the sum of the ledger and never goes below
 * zero, and entries that cannot be refused give the same balance in any order, one after another or
 * all at once.
 */
class CreditLedgerPropertyIT {

  private static final String SEED = "20261202";

  private static JdbcClient jdbc;
  private static CreditLedger ledger;

  /**
   * One entry as a caller would send it.
   *
   * @param clamped applied with {@link CreditLedger#applyClamped} (usage), else in full
   */
  record Op(CreditType type, int amount, String key, String stripePayment, boolean clamped) {

    /** The entry for one user: keys and payments are the user's own, as they are in life. */
    LedgerEntry entry(UUID user) {
      return new LedgerEntry(
          user,
          type,
          amount,
          type.dbValue(),
          stripePayment == null ? null : stripePayment + "-" + user,
          null,
          null,
          key == null ? null : key + "-" + user);
    }
  }

  @BeforeContainer
  static void database() {
    DataSource dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    ledger = new CreditLedger(jdbc, new DataSourceTransactionManager(dataSource));
  }

  @Property(tries = 200, seed = SEED)
  void everyEntryDoesWhatTheModelSaysAndTheBalanceIsTheLedgersSum(
      @ForAll @Size(max = 30) List<@From("ops") Op> ops) {
    UUID user = new TestRows(jdbc).user(0, 1);
    int balance = 0;
    Set<String> keys = new HashSet<>();
    Set<String> payments = new HashSet<>();
    for (Op op : ops) {
      LedgerEntry entry = op.entry(user);
      if (op.key() != null && keys.contains(op.key())) {
        LedgerResult result = apply(op, entry);
        assertThat(result.duplicate()).as("%s", op).isTrue();
        assertThat(result.applied()).isZero();
        assertThat(result.balanceAfter()).isEqualTo(balance);
      } else if (op.stripePayment() != null && payments.contains(op.stripePayment())) {
        assertThatThrownBy(() -> apply(op, entry))
            .as("%s", op)
            .isInstanceOf(DuplicateLedgerEntryException.class);
      } else if (balance + op.amount() < 0 && !op.clamped()) {
        assertThatThrownBy(() -> apply(op, entry))
            .as("%s", op)
            .isInstanceOf(InsufficientCreditsException.class);
      } else {
        int applied = Math.max(op.amount(), -balance);
        LedgerResult result = apply(op, entry);
        balance += applied;
        assertThat(result.duplicate()).as("%s", op).isFalse();
        assertThat(result.applied()).as("%s", op).isEqualTo(applied);
        assertThat(result.shortfall(entry)).as("%s", op).isEqualTo(applied - op.amount());
        assertThat(result.balanceAfter()).as("%s", op).isEqualTo(balance);
        if (op.key() != null) {
          keys.add(op.key());
        }
        if (op.stripePayment() != null) {
          payments.add(op.stripePayment());
        }
      }
      assertThat(ledger.balance(user)).as("after %s", op).contains(balance);
    }
    assertThat(ledgerSum(user)).isEqualTo(balance);
    assertRowsChainFromZeroTo(user, balance);
  }

  @Property(tries = 40, seed = SEED)
  void entriesThatCannotBeRefusedGiveTheSameBalanceInAnyOrderAndAllAtOnce(
      @ForAll @Size(min = 1, max = 12) List<@IntRange(min = -20, max = 20) Integer> amounts,
      @ForAll @IntRange(min = 1, max = 3) int sends,
      @ForAll long shuffleSeed)
      throws Exception {
    // Each entry has its own key and is sent up to three times, as retries would.
    List<Op> distinct = new ArrayList<>();
    for (int i = 0; i < amounts.size(); i++) {
      int amount = amounts.get(i);
      CreditType type = amount >= 0 ? CreditType.PURCHASE : CreditType.USAGE;
      distinct.add(new Op(type, amount, "entry-" + i, amount >= 0 ? "pay-" + i : null, false));
    }
    List<Op> sent = new ArrayList<>();
    for (int s = 0; s < sends; s++) {
      sent.addAll(distinct);
    }
    int expected = 1000 + amounts.stream().mapToInt(Integer::intValue).sum();
    Random random = new Random(shuffleSeed);

    for (int order = 0; order < 2; order++) {
      UUID user = userWith(1000);
      List<Op> shuffled = new ArrayList<>(sent);
      Collections.shuffle(shuffled, random);
      for (Op op : shuffled) {
        ledger.apply(op.entry(user));
      }
      assertThat(ledger.balance(user)).contains(expected);
      assertThat(ledgerSum(user)).isEqualTo(expected);
    }

    UUID user = userWith(1000);
    List<Op> shuffled = new ArrayList<>(sent);
    Collections.shuffle(shuffled, random);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<LedgerResult>> work = new ArrayList<>();
      for (Op op : shuffled) {
        work.add(() -> ledger.apply(op.entry(user)));
      }
      for (Future<LedgerResult> result : pool.invokeAll(work)) {
        result.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(ledger.balance(user)).contains(expected);
    assertThat(ledgerSum(user)).isEqualTo(expected);
    assertThat(rows(user)).isEqualTo(1 + distinct.size());
    assertRowsChainFromZeroTo(user, expected);
  }

  private static LedgerResult apply(Op op, LedgerEntry entry) {
    return op.clamped() ? ledger.applyClamped(entry) : ledger.apply(entry);
  }

  private static UUID userWith(int credits) {
    UUID user = new TestRows(jdbc).user(0, 1);
    ledger.apply(LedgerEntry.of(user, CreditType.BONUS, credits, "Start"));
    return user;
  }

  private static int ledgerSum(UUID user) {
    return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM credit_transactions WHERE user_id = :id")
        .param("id", user)
        .query(Integer.class)
        .single();
  }

  private static int rows(UUID user) {
    return jdbc.sql("SELECT count(*) FROM credit_transactions WHERE user_id = :id")
        .param("id", user)
        .query(Integer.class)
        .single();
  }

  /**
   * Whether the rows chain up as one history from zero to the balance: each row's balance before
   * (after minus amount) is the balance after of another row, or zero for the first. Counted as
   * multisets, so it holds whatever order concurrent entries took, and fails when two entries both
   * started from the same balance (a lost update).
   */
  private static void assertRowsChainFromZeroTo(UUID user, int balance) {
    record Row(int before, int after) {}
    List<Row> rows =
        jdbc.sql(
                "SELECT balance_after - amount AS before, balance_after AS after"
                    + " FROM credit_transactions WHERE user_id = :id")
            .param("id", user)
            .query(Row.class)
            .list();
    List<Integer> befores = new ArrayList<>(rows.stream().map(Row::before).toList());
    befores.add(balance);
    List<Integer> afters = new ArrayList<>(rows.stream().map(Row::after).toList());
    afters.add(0);
    assertThat(befores)
        .as("balances before, and the balance")
        .containsExactlyInAnyOrderElementsOf(afters);
    assertThat(rows).allSatisfy(row -> assertThat(row.after()).isNotNegative());
  }

  @Provide
  Arbitrary<Op> ops() {
    Arbitrary<String> keys = Arbitraries.of("k1", "k2", "k3", "k4").injectNull(0.5);
    Arbitrary<String> payments = Arbitraries.of("pi_1", "pi_2", "pi_3");
    Arbitrary<Integer> credits = Arbitraries.integers().between(1, 30);
    return Arbitraries.oneOf(
        Combinators.combine(credits, keys, payments)
            .as((n, key, payment) -> new Op(CreditType.PURCHASE, n, key, payment, false)),
        Combinators.combine(credits, keys)
            .as((n, key) -> new Op(CreditType.USAGE, -n, key, null, true)),
        Combinators.combine(credits, keys)
            .as((n, key) -> new Op(CreditType.REFUND, -n, key, null, false)),
        credits.map(n -> new Op(CreditType.BONUS, n, null, null, false)),
        Combinators.combine(Arbitraries.integers().between(-30, 30).filter(n -> n != 0), keys)
            .as((n, key) -> new Op(CreditType.ADMIN_ADJUSTMENT, n, key, null, false)));
  }
}
