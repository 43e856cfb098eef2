package dev.outdial.activities.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The queue of calls whose dashboard counts are to be recounted, and the recounter's batches. */
class DashboardCountsIT {

  private static final Instant NOON =
      Instant.now().truncatedTo(ChronoUnit.DAYS).plusSeconds(43_200);

  private JdbcClient jdbc;
  private DataSourceTransactionManager transactions;
  private CallsThatFinish calls;
  private DashboardCounts counts;
  private UUID agent;
  private TestRows rows;

  @BeforeEach
  void setUp() {
    DataSource dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    transactions = new DataSourceTransactionManager(dataSource);
    rows = new TestRows(jdbc);
    UUID user = rows.user(1000, 5);
    agent = rows.agent(user);
    calls = new CallsThatFinish(jdbc, transactions, user);
    counts = new DashboardCounts(jdbc);
  }

  private UUID endedCall() {
    UUID call = calls.dialed(agent, NOON);
    calls.webhook(call, "completed", 90, "");
    calls.finalizeAndBillOnly(call, "completed");
    return call;
  }

  private Integer totalCalls() {
    return jdbc.sql("SELECT COALESCE(sum(total_calls), 0)::int FROM agent_analytics")
        .query(Integer.class)
        .single();
  }

  private Integer callsInQuarterHours() {
    return jdbc.sql("SELECT COALESCE(sum(calls), 0)::int FROM call_activity")
        .query(Integer.class)
        .single();
  }

  private int queued() {
    return jdbc.sql("SELECT count(*) FROM dashboard_recounts").query(Integer.class).single();
  }

  @Test
  void anEndedCallIsQueuedAndCountedByTheNextBatchOnce() {
    for (int call = 0; call < 30; call++) {
      endedCall();
    }

    // Finalized and billed: two entries a call, and nothing counted yet.
    assertThat(queued()).isEqualTo(60);
    assertThat(totalCalls()).isZero();

    int taken = new TransactionTemplate(transactions).execute(status -> counts.recountQueued(500));

    assertThat(taken).isEqualTo(60);
    assertThat(queued()).isZero();
    assertThat(totalCalls()).isEqualTo(30);
    assertThat(callsInQuarterHours()).isEqualTo(30);
  }

  @Test
  void aBatchTakesAtMostItsSizeOldestFirst() {
    endedCall();
    endedCall();

    int taken = new TransactionTemplate(transactions).execute(status -> counts.recountQueued(3));

    assertThat(taken).isEqualTo(3);
    assertThat(queued()).isEqualTo(1);
    assertThat(totalCalls())
        .as("the first call, finalized and billed, and the second, finalized")
        .isEqualTo(2);
  }

  @Test
  void aBatchThatRollsBackLeavesItsCallsQueued() {
    endedCall();

    new TransactionTemplate(transactions)
        .executeWithoutResult(
            status -> {
              assertThat(counts.recountQueued(500)).isEqualTo(2);
              status.setRollbackOnly();
            });

    assertThat(queued()).isEqualTo(2);
    assertThat(totalCalls()).isZero();
  }

  @Test
  void aBatchAnotherRecounterHoldsIsSkippedNotWaitedFor() throws Exception {
    endedCall();
    // Another user's call: a day and a quarter hour of their own.
    UUID otherUser = rows.user(1000, 5);
    CallsThatFinish otherCalls = new CallsThatFinish(jdbc, transactions, otherUser);
    UUID otherCall = otherCalls.dialed(rows.agent(otherUser), NOON);
    otherCalls.webhook(otherCall, "completed", 90, "");
    otherCalls.finalizeAndBillOnly(otherCall, "completed");
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    ExecutorService otherNode = Executors.newSingleThreadExecutor();
    try {
      transaction.executeWithoutResult(
          holding -> {
            assertThat(counts.recountQueued(2)).isEqualTo(2);
            // Another recounter, on a connection and in a transaction of its own, meanwhile.
            Future<Integer> other =
                otherNode.submit(() -> transaction.execute(status -> counts.recountQueued(500)));
            try {
              assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            } catch (Exception e) {
              throw new AssertionError("the other recounter waited for the held batch", e);
            }
          });
    } finally {
      otherNode.shutdownNow();
    }

    assertThat(queued()).isZero();
    assertThat(totalCalls()).isEqualTo(2);
  }
}
