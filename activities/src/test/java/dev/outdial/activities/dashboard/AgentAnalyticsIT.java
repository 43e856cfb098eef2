package dev.outdial.activities.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * {@code agent_analytics} as calls finish, are billed and are scored, and as a rebuild recounts it
 * from {@code calls} and {@code lead_analytics}: the two always agree.
 */
class AgentAnalyticsIT {

  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
  private static final LocalDate YESTERDAY = TODAY.minusDays(1);

  private JdbcClient jdbc;
  private DataSourceTransactionManager transactions;
  private CallsThatFinish calls;
  private AgentAnalytics analytics;
  private TestRows rows;
  private UUID user;
  private UUID agent;

  @BeforeEach
  void setUp() {
    DataSource dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    transactions = new DataSourceTransactionManager(dataSource);
    analytics = new AgentAnalytics(jdbc);
    rows = new TestRows(jdbc);
    user = rows.user(1000, 5);
    agent = rows.agent(user);
    calls = new CallsThatFinish(jdbc, transactions, user);
  }

  private static Instant noonOf(LocalDate day) {
    return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
  }

  /**
   * A call created on {@code day} (UTC noon), ended with Bolna's {@code status}, billed, scored.
   */
  private UUID finishedCall(
      UUID agentId, LocalDate day, String status, int seconds, String transcript) {
    return calls.finished(agentId, noonOf(day), status, seconds, transcript);
  }

  private UUID dialedCall(UUID agentId, LocalDate day) {
    return calls.dialed(agentId, noonOf(day));
  }

  private List<Map<String, Object>> analyticsRows() {
    return jdbc.sql(
            """
            SELECT agent_id, user_id, metric_date, total_calls, successful_calls, failed_calls,
                   avg_duration_seconds, total_credits_used, avg_total_score,
                   cta_interactions_total, cta_interactions_positive, cta_interactions_negative
            FROM agent_analytics ORDER BY metric_date, agent_id
            """)
        .query()
        .listOfRows();
  }

  private Map<String, Object> rowOf(UUID agentId, LocalDate day) {
    return jdbc.sql("SELECT * FROM agent_analytics WHERE agent_id = :a AND metric_date = :d")
        .param("a", agentId)
        .param("d", day)
        .query()
        .singleRow();
  }

  @Test
  void finishedBilledAndScoredCallsAreCountedOnTheDayTheyWereMade() {
    finishedCall(agent, TODAY, "completed", 90, "user: Yes, book a demo for Tuesday. How much?");
    finishedCall(agent, TODAY, "completed", 30, "user: I am not interested, thanks.");
    finishedCall(agent, TODAY, "busy", 0, "");
    finishedCall(agent, YESTERDAY, "no-answer", 0, "");

    Map<String, Object> today = rowOf(agent, TODAY);
    assertThat(today)
        .containsEntry("total_calls", 3)
        .containsEntry("successful_calls", 2)
        .containsEntry("failed_calls", 1)
        .containsEntry("avg_duration_seconds", new BigDecimal("60.00"))
        // 90 s is 2 started minutes, 30 s is 1.
        .containsEntry("total_credits_used", 3)
        // demo_booked and pricing_asked on the first call, not_interested on the second.
        .containsEntry("cta_interactions_total", 3)
        .containsEntry("cta_interactions_positive", 2)
        .containsEntry("cta_interactions_negative", 1);
    BigDecimal averageScore =
        jdbc.sql(
                """
                SELECT ROUND(avg(l.total_score), 2) FROM lead_analytics l
                JOIN calls c ON c.id = l.call_id
                WHERE c.created_at >= CAST(:d AS date) AT TIME ZONE 'UTC'
                """)
            .param("d", TODAY)
            .query(BigDecimal.class)
            .single();
    assertThat(today.get("avg_total_score")).isEqualTo(averageScore).isNotNull();
    assertThat(rowOf(agent, YESTERDAY))
        .containsEntry("total_calls", 1)
        .containsEntry("failed_calls", 1)
        .containsEntry("avg_duration_seconds", new BigDecimal("0.00"))
        .containsEntry("avg_total_score", null);
  }

  @Test
  void aRebuildAgreesWithTheRowsKeptAsCallsFinished() {
    UUID otherAgent = rows.agent(user);
    finishedCall(agent, TODAY, "completed", 61, "user: Please call me back next week.");
    finishedCall(agent, YESTERDAY, "completed", 200, "user: Send the pricing, book a demo.");
    finishedCall(otherAgent, YESTERDAY, "failed", 0, "");
    finishedCall(otherAgent, YESTERDAY, "completed", 45, "user: Do not call me again.");
    dialedCall(agent, TODAY); // still in progress: counted nowhere yet
    List<Map<String, Object>> incremental = analyticsRows();

    Rebuilt rebuilt = analytics.rebuild(YESTERDAY.minusDays(3), TODAY, transactions);

    assertThat(analyticsRows()).isEqualTo(incremental).hasSize(3);
    assertThat(rebuilt.days()).isEqualTo(5);
    assertThat(rebuilt.rows()).as("rows that needed a correction").isZero();
    assertThat(rebuilt.removed()).isZero();
  }

  @Test
  void aRebuildCorrectsDriftedRowsWritesMissingOnesAndRemovesEmptyOnes() {
    finishedCall(agent, TODAY, "completed", 61, "user: Please call me back next week.");
    finishedCall(agent, YESTERDAY, "busy", 0, "");
    List<Map<String, Object>> right = analyticsRows();
    jdbc.sql(
            "UPDATE agent_analytics SET total_calls = 99, avg_total_score = 1 WHERE metric_date = :d")
        .param("d", TODAY)
        .update();
    jdbc.sql("DELETE FROM agent_analytics WHERE metric_date = :d").param("d", YESTERDAY).update();
    jdbc.sql(
            """
            INSERT INTO agent_analytics (agent_id, user_id, metric_date, total_calls)
            VALUES (:a, :u, :d, 7)
            """)
        .param("a", agent)
        .param("u", user)
        .param("d", TODAY.minusDays(5))
        .update();

    Rebuilt rebuilt = analytics.rebuild(TODAY.minusDays(6), TODAY, transactions);

    assertThat(analyticsRows()).isEqualTo(right);
    assertThat(rebuilt.rows()).isEqualTo(2);
    assertThat(rebuilt.removed()).isEqualTo(1);
  }

  @Test
  void aRebuildLeavesDaysOutsideItsRangeAlone() {
    finishedCall(agent, YESTERDAY, "completed", 61, "user: Please call me back next week.");
    jdbc.sql("UPDATE agent_analytics SET total_calls = 99").update();

    analytics.rebuild(TODAY, TODAY, transactions);

    assertThat(rowOf(agent, YESTERDAY)).containsEntry("total_calls", 99);
  }

  @Test
  void callsOfOneAgentFinishingAtOnceAreEachCounted() throws Exception {
    int count = 24;
    List<UUID> callIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      callIds.add(dialedCall(agent, TODAY));
    }
    for (UUID callId : callIds) {
      calls.webhook(callId, "completed", 30, "");
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (UUID callId : callIds) {
        done.add(pool.submit(() -> calls.finalizeAndBill(callId, "completed")));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(rowOf(agent, TODAY))
        .containsEntry("total_calls", count)
        .containsEntry("successful_calls", count)
        .containsEntry("total_credits_used", count);
  }
}
