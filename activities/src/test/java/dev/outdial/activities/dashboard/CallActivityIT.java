package dev.outdial.activities.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.sql.Timestamp;
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
 * {@code call_activity} as calls finish, are billed and are scored, as an agent's calls go, and as
 * a rebuild recounts it from {@code calls} and {@code lead_analytics}: the two always agree.
 */
class CallActivityIT {

  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
  private static final Instant TEN = TODAY.atTime(10, 0).toInstant(ZoneOffset.UTC);
  private static final Instant QUARTER_PAST_TEN = TEN.plusSeconds(15 * 60);

  private JdbcClient jdbc;
  private DataSourceTransactionManager transactions;
  private CallsThatFinish calls;
  private CallActivity activity;
  private TestRows rows;
  private UUID user;
  private UUID agent;

  @BeforeEach
  void setUp() {
    DataSource dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    transactions = new DataSourceTransactionManager(dataSource);
    activity = new CallActivity(jdbc);
    rows = new TestRows(jdbc);
    user = rows.user(1000, 5);
    agent = rows.agent(user);
    calls = new CallsThatFinish(jdbc, transactions, user);
  }

  private List<Map<String, Object>> activityRows() {
    return jdbc.sql(
            """
            SELECT user_id, bucket_start, calls, answered, busy, no_answer, voicemail, failed,
                   minutes, credits, lead_score_sum, scored_calls
            FROM call_activity ORDER BY user_id, bucket_start
            """)
        .query()
        .listOfRows();
  }

  private Map<String, Object> rowAt(Instant bucketStart) {
    return jdbc.sql("SELECT * FROM call_activity WHERE user_id = :u AND bucket_start = :b")
        .param("u", user)
        .param("b", Timestamp.from(bucketStart))
        .query()
        .singleRow();
  }

  private int leadScoreOf(UUID callId) {
    return jdbc.sql("SELECT total_score FROM lead_analytics WHERE call_id = :c")
        .param("c", callId)
        .query(Integer.class)
        .single();
  }

  @Test
  void finishedCallsAreCountedInTheQuarterHourTheyWereMade() {
    UUID demo =
        calls.finished(
            agent, TEN.plusSeconds(60), "completed", 90, "user: Yes, book a demo. How much?");
    calls.finished(agent, TEN.plusSeconds(14 * 60 + 59), "busy", 0, "");
    calls.finished(agent, QUARTER_PAST_TEN, "no-answer", 0, "");
    calls.dialed(agent, TEN.plusSeconds(120)); // still in progress: counted nowhere yet

    assertThat(rowAt(TEN))
        .containsEntry("calls", 2)
        .containsEntry("answered", 1)
        .containsEntry("busy", 1)
        .containsEntry("no_answer", 0)
        .containsEntry("failed", 0)
        // 90 s is 2 started minutes, billed at 1 credit a minute.
        .containsEntry("minutes", 2L)
        .containsEntry("credits", 2L)
        .containsEntry("lead_score_sum", (long) leadScoreOf(demo))
        .containsEntry("scored_calls", 1);
    assertThat(rowAt(QUARTER_PAST_TEN))
        .containsEntry("calls", 1)
        .containsEntry("no_answer", 1)
        .containsEntry("scored_calls", 0);
    assertThat(activityRows()).hasSize(2);
  }

  @Test
  void aRebuildAgreesWithTheRowsKeptAsCallsFinished() {
    UUID otherAgent = rows.agent(user);
    calls.finished(agent, TEN, "completed", 61, "user: Please call me back next week.");
    calls.finished(otherAgent, TEN.plusSeconds(300), "failed", 0, "");
    calls.finished(otherAgent, TEN.minusSeconds(86_400), "completed", 45, "user: Stop calling.");
    calls.dialed(agent, QUARTER_PAST_TEN);
    List<Map<String, Object>> incremental = activityRows();

    Rebuilt rebuilt = activity.rebuild(TODAY.minusDays(3), TODAY, transactions);

    assertThat(activityRows()).isEqualTo(incremental).hasSize(2);
    assertThat(rebuilt.days()).isEqualTo(4);
    assertThat(rebuilt.rows()).as("rows that needed a correction").isZero();
    assertThat(rebuilt.removed()).isZero();
  }

  @Test
  void aRebuildCorrectsDriftedRowsWritesMissingOnesAndRemovesEmptyOnesInItsRangeOnly() {
    calls.finished(agent, TEN, "completed", 61, "user: Please call me back next week.");
    calls.finished(agent, QUARTER_PAST_TEN, "busy", 0, "");
    calls.finished(agent, TEN.minusSeconds(3 * 86_400), "busy", 0, "");
    List<Map<String, Object>> right = activityRows();
    jdbc.sql("UPDATE call_activity SET calls = 99, busy = 99 WHERE bucket_start = :b")
        .param("b", Timestamp.from(QUARTER_PAST_TEN))
        .update();
    jdbc.sql("DELETE FROM call_activity WHERE bucket_start = :b")
        .param("b", Timestamp.from(TEN))
        .update();
    jdbc.sql(
            """
            INSERT INTO call_activity (user_id, bucket_start, calls, failed)
            VALUES (:u, :b, 7, 7)
            """)
        .param("u", user)
        .param("b", Timestamp.from(TEN.plusSeconds(3600)))
        .update();
    jdbc.sql("UPDATE call_activity SET credits = 55 WHERE bucket_start < :today")
        .param("today", Timestamp.from(TODAY.atStartOfDay(ZoneOffset.UTC).toInstant()))
        .update();

    Rebuilt rebuilt = activity.rebuild(TODAY, TODAY, transactions);

    assertThat(rebuilt.rows()).isEqualTo(2);
    assertThat(rebuilt.removed()).isEqualTo(1);
    assertThat(activityRows().subList(1, 3)).isEqualTo(right.subList(1, 3));
    assertThat(activityRows().get(0))
        .as("three days ago, outside the range")
        .containsEntry("credits", 55L);
  }

  @Test
  void recountingAnAgentsSpanAfterItsCallsAreGoneTakesThemOut() {
    UUID otherAgent = rows.agent(user);
    calls.finished(agent, TEN, "completed", 61, "user: Please call me back next week.");
    calls.finished(otherAgent, TEN.plusSeconds(60), "busy", 0, "");
    calls.finished(agent, QUARTER_PAST_TEN.plusSeconds(7200), "busy", 0, "");

    CallActivity.Span span = activity.spanOfAgent(agent);
    jdbc.sql("DELETE FROM calls WHERE agent_id = :a").param("a", agent).update();
    activity.recountRange(user, span.firstBucket(), span.afterLast());

    assertThat(span.firstBucket()).isEqualTo(TEN);
    assertThat(span.afterLast()).isEqualTo(QUARTER_PAST_TEN.plusSeconds(7200 + 15 * 60));
    assertThat(activityRows()).hasSize(1);
    assertThat(rowAt(TEN)).containsEntry("calls", 1).containsEntry("busy", 1);
    assertThat(activity.spanOfAgent(agent)).isNull();
  }

  @Test
  void callsOfOneQuarterHourFinishingAtOnceAreEachCounted() throws Exception {
    int count = 24;
    List<UUID> callIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UUID callId = calls.dialed(i % 2 == 0 ? agent : rows.agent(user), TEN.plusSeconds(i));
      calls.webhook(callId, "completed", 30, "");
      callIds.add(callId);
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

    assertThat(rowAt(TEN))
        .containsEntry("calls", count)
        .containsEntry("answered", count)
        .containsEntry("credits", (long) count);
  }
}
