package dev.outdial.activities.dashboard;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The owner of {@code call_activity}: one row per user and quarter hour (UTC) in which the user's
 * calls were created, always what {@code calls} and {@code lead_analytics} say about the finished
 * ones. Calls-per-day sums these rows in the caller's zone (every zone's offset is a whole number
 * of quarter hours) and adds the calls still in progress from {@code calls}.
 *
 * <p>A finished, billed or scored call has its own quarter hour recounted ({@link
 * DashboardCounts}); deleting an agent recounts its user's quarter hours of the agent's calls; a
 * rebuild recounts a range. All run the same aggregate ({@link #BUCKET_TOTALS}), so they cannot
 * disagree. Concurrency is that of {@link AgentAnalytics}: a recount locks its row before it
 * aggregates, and a rebuilt day holds the exclusive side of an advisory lock whose shared side
 * every recount takes.
 */
public class CallActivity {

  private static final Logger log = LoggerFactory.getLogger(CallActivity.class);

  private static final long LOCK_KEY = 0x0ca11aL;

  /** The quarter hour of {@code t}, aligned on the epoch's. */
  static final String QUARTER_HOUR =
      "date_bin('15 minutes', %s, TIMESTAMPTZ '2000-01-01 00:00:00+00')";

  /**
   * Per user and quarter hour, the totals of the finished calls (those with an outcome) created in
   * {@code [:from, :to)}, restricted further by {@code %s} (a condition on {@code c}).
   */
  private static final String BUCKET_TOTALS =
      """
      SELECT c.user_id, %s AS bucket_start,
             count(*)::int AS calls,
             count(*) FILTER (WHERE c.outcome = 'answered')::int AS answered,
             count(*) FILTER (WHERE c.outcome = 'busy')::int AS busy,
             count(*) FILTER (WHERE c.outcome = 'no-answer')::int AS no_answer,
             count(*) FILTER (WHERE c.outcome = 'voicemail')::int AS voicemail,
             count(*) FILTER (WHERE c.outcome = 'failed')::int AS failed,
             COALESCE(sum(c.duration_minutes), 0) AS minutes,
             COALESCE(sum(c.credits_used), 0) AS credits,
             COALESCE(sum(l.total_score), 0) AS lead_score_sum,
             count(l.total_score)::int AS scored_calls
      FROM calls c
      LEFT JOIN lead_analytics l ON l.call_id = c.id
      WHERE c.created_at >= :from AND c.created_at < :to
        AND c.outcome IS NOT NULL
        AND %s
      GROUP BY 1, 2
      """;

  private final JdbcClient jdbc;

  public CallActivity(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One user's quarter hour: the key of a {@code call_activity} row. */
  public record Bucket(UUID userId, Instant bucketStart) {}

  /** The quarter hours calls {@code callIds} count in, each once, in key order. */
  public List<Bucket> bucketsOf(Collection<UUID> callIds) {
    return jdbc.sql(
            "SELECT DISTINCT user_id, "
                + QUARTER_HOUR.formatted("created_at")
                + " AS bucket_start FROM calls WHERE id = ANY(:ids) ORDER BY 1, 2")
        .param("ids", callIds.toArray(UUID[]::new))
        .query(Bucket.class)
        .list();
  }

  /** Recounts {@code bucket}, inside the caller's transaction, its row locked first. */
  public void recountBucket(Bucket bucket) {
    jdbc.sql("SELECT pg_advisory_xact_lock_shared(:key)")
        .param("key", LOCK_KEY)
        .query()
        .listOfRows();
    Timestamp start = Timestamp.from(bucket.bucketStart());
    jdbc.sql(
            """
            INSERT INTO call_activity (user_id, bucket_start) VALUES (:userId, :start)
            ON CONFLICT (user_id, bucket_start) DO NOTHING
            """)
        .param("userId", bucket.userId())
        .param("start", start)
        .update();
    jdbc.sql(
            """
            SELECT 1 FROM call_activity
            WHERE user_id = :userId AND bucket_start = :start FOR UPDATE
            """)
        .param("userId", bucket.userId())
        .param("start", start)
        .query()
        .listOfRows();
    // A new statement after the lock: it sees every recount committed before this one.
    recount(bucket.userId(), bucket.bucketStart(), bucket.bucketStart().plusSeconds(15 * 60));
  }

  /**
   * Recounts the user's quarter hours from {@code from} to {@code to} (quarter-hour aligned),
   * inside the caller's transaction: for a change to many of the user's calls at once, such as
   * deleting an agent with its calls.
   */
  public void recountRange(UUID userId, Instant from, Instant to) {
    jdbc.sql("SELECT pg_advisory_xact_lock_shared(:key)")
        .param("key", LOCK_KEY)
        .query()
        .listOfRows();
    jdbc.sql(
            """
            SELECT 1 FROM call_activity
            WHERE user_id = :userId AND bucket_start >= :from AND bucket_start < :to FOR UPDATE
            """)
        .param("userId", userId)
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query()
        .listOfRows();
    recount(userId, from, to);
  }

  /** Quarter hours holding calls: the first one, and the end of the last one. */
  public record Span(Instant firstBucket, Instant afterLast) {}

  /** The span of quarter hours holding the agent's finished calls, or null without any. */
  public Span spanOfAgent(UUID agentId) {
    return jdbc.sql(
            "SELECT "
                + QUARTER_HOUR.formatted("min(created_at)")
                + " AS first_bucket, "
                + QUARTER_HOUR.formatted("max(created_at)")
                + " + interval '15 minutes' AS after_last"
                + " FROM calls WHERE agent_id = :agentId AND outcome IS NOT NULL"
                + " HAVING count(*) > 0")
        .param("agentId", agentId)
        .query(Span.class)
        .optional()
        .orElse(null);
  }

  /**
   * Writes the totals of {@code [from, to)} for {@code userId} (every user when null) and removes
   * that range's rows without finished calls; answers {rows written or changed, rows removed}.
   */
  private int[] recount(UUID userId, Instant from, Instant to) {
    boolean everyUser = userId == null;
    String callCondition = everyUser ? "true" : "c.user_id = :userId";
    String rowCondition = everyUser ? "true" : "a.user_id = :userId";
    Map<String, Object> params =
        everyUser
            ? Map.of("from", Timestamp.from(from), "to", Timestamp.from(to))
            : Map.of("userId", userId, "from", Timestamp.from(from), "to", Timestamp.from(to));
    int written =
        jdbc.sql(
                """
                INSERT INTO call_activity (user_id, bucket_start, calls, answered, busy,
                  no_answer, voicemail, failed, minutes, credits, lead_score_sum, scored_calls)
                """
                    + BUCKET_TOTALS.formatted(QUARTER_HOUR.formatted("c.created_at"), callCondition)
                    + """
                ON CONFLICT (user_id, bucket_start) DO UPDATE SET
                  calls = EXCLUDED.calls,
                  answered = EXCLUDED.answered,
                  busy = EXCLUDED.busy,
                  no_answer = EXCLUDED.no_answer,
                  voicemail = EXCLUDED.voicemail,
                  failed = EXCLUDED.failed,
                  minutes = EXCLUDED.minutes,
                  credits = EXCLUDED.credits,
                  lead_score_sum = EXCLUDED.lead_score_sum,
                  scored_calls = EXCLUDED.scored_calls,
                  updated_at = now()
                WHERE (call_activity.calls, call_activity.answered, call_activity.busy,
                       call_activity.no_answer, call_activity.voicemail, call_activity.failed,
                       call_activity.minutes, call_activity.credits,
                       call_activity.lead_score_sum, call_activity.scored_calls)
                  IS DISTINCT FROM
                      (EXCLUDED.calls, EXCLUDED.answered, EXCLUDED.busy, EXCLUDED.no_answer,
                       EXCLUDED.voicemail, EXCLUDED.failed, EXCLUDED.minutes, EXCLUDED.credits,
                       EXCLUDED.lead_score_sum, EXCLUDED.scored_calls)
                """)
            .params(params)
            .update();
    int removed =
        jdbc.sql(
                """
                DELETE FROM call_activity a
                WHERE a.bucket_start >= :from AND a.bucket_start < :to AND %s
                  AND NOT EXISTS (
                    SELECT 1 FROM calls c
                    WHERE c.user_id = a.user_id AND c.outcome IS NOT NULL
                      AND c.created_at >= a.bucket_start
                      AND c.created_at < a.bucket_start + interval '15 minutes')
                """
                    .formatted(rowCondition))
            .params(params)
            .update();
    return new int[] {written, removed};
  }

  /**
   * Recounts every row from {@code from} to {@code to} (UTC days, both included) from {@code calls}
   * and {@code lead_analytics}, one day per transaction: rows that drifted are corrected, missing
   * ones written, and rows without finished calls removed.
   */
  public Rebuilt rebuild(
      LocalDate from, LocalDate to, PlatformTransactionManager transactionManager) {
    Rebuilt rebuilt =
        Rebuilt.dayByDay(
            from,
            to,
            transactionManager,
            jdbc,
            LOCK_KEY,
            day -> {
              int[] written =
                  recount(
                      null,
                      day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                      day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
              return new Rebuilt.Day(written[0], written[1]);
            });
    log.info(
        "Rebuilt call_activity from {} to {}: {} rows corrected or written, {} removed",
        from,
        to,
        rebuilt.rows(),
        rebuilt.removed());
    return rebuilt;
  }
}
