package dev.outdial.activities.dashboard;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The owner of {@code agent_analytics}: one row per agent, user and day (the UTC day the call was
 * created), always what {@code calls} and {@code lead_analytics} say about that day. A finished,
 * billed or scored call has its own day's row recounted ({@link DashboardCounts}); a rebuild
 * recounts a range. Both run the same aggregate ({@link #DAY_TOTALS}), so they cannot disagree.
 *
 * <p>What a row counts: {@code total_calls} every call no longer {@code in_progress}; {@code
 * successful_calls} the {@code completed} ones, {@code failed_calls} the rest; {@code
 * avg_duration_seconds} over the completed calls (0 without one); {@code total_credits_used} their
 * credits; {@code avg_total_score} over their scored leads (null without one); the {@code
 * cta_interactions_*} count the calls to action that happened (true in a lead's {@code
 * cta_interactions}), positive ({@link #POSITIVE_CTAS}) or negative ({@link #NEGATIVE_CTAS}).
 *
 * <p>Concurrency: a recount locks its row first and aggregates in a later statement, so it sees
 * every call committed before it got the lock, and the last recount of a row counts everything. A
 * rebuild holds, per day, the exclusive side of an advisory lock whose shared side every recount
 * takes: no recount runs while a rebuilt day is counted, and no rebuild overwrites a newer count.
 */
public class AgentAnalytics {

  private static final Logger log = LoggerFactory.getLogger(AgentAnalytics.class);

  private static final long LOCK_KEY = 0x0ed1a4L;

  static final String POSITIVE_CTAS = "'demo_booked', 'pricing_asked', 'callback_requested'";
  static final String NEGATIVE_CTAS = "'not_interested', 'do_not_call'";

  /**
   * Per agent and user, the totals of the calls created in {@code [:from, :to)}, restricted further
   * by {@code %s} (a condition on {@code c}).
   */
  private static final String DAY_TOTALS =
      """
      SELECT c.agent_id, c.user_id, (c.created_at AT TIME ZONE 'UTC')::date AS metric_date,
             count(*)::int AS total_calls,
             count(*) FILTER (WHERE c.status = 'completed')::int AS successful_calls,
             count(*) FILTER (WHERE c.status <> 'completed')::int AS failed_calls,
             COALESCE(ROUND(avg(c.duration_seconds) FILTER (WHERE c.status = 'completed'), 2), 0)
               AS avg_duration_seconds,
             COALESCE(sum(c.credits_used), 0)::int AS total_credits_used,
             ROUND(avg(l.total_score), 2) AS avg_total_score,
             COALESCE(sum(cta.total), 0)::int AS cta_interactions_total,
             COALESCE(sum(cta.positive), 0)::int AS cta_interactions_positive,
             COALESCE(sum(cta.negative), 0)::int AS cta_interactions_negative
      FROM calls c
      LEFT JOIN lead_analytics l ON l.call_id = c.id
      LEFT JOIN LATERAL (
        SELECT count(*) AS total,
               count(*) FILTER (WHERE e.key IN (%s)) AS positive,
               count(*) FILTER (WHERE e.key IN (%s)) AS negative
        FROM jsonb_each(COALESCE(l.cta_interactions, '{}'::jsonb)) e
        WHERE e.value = 'true'::jsonb
      ) cta ON true
      WHERE c.created_at >= (CAST(:from AS date) AT TIME ZONE 'UTC')
        AND c.created_at < (CAST(:to AS date) AT TIME ZONE 'UTC')
        AND c.status <> 'in_progress'
        AND c.agent_id IS NOT NULL
        AND %s
      GROUP BY 1, 2, 3
      """;

  private final JdbcClient jdbc;

  public AgentAnalytics(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  private static String dayTotals(String condition) {
    return DAY_TOTALS.formatted(POSITIVE_CTAS, NEGATIVE_CTAS, condition);
  }

  /** One agent's day for one user: the key of an {@code agent_analytics} row. */
  public record Day(UUID agentId, UUID userId, LocalDate metricDate) {}

  /**
   * The days calls {@code callIds} count in, each once, in key order (the order their rows are
   * locked in, so two recounts never wait on each other crosswise). A call without an agent counts
   * nowhere.
   */
  public List<Day> daysOf(Collection<UUID> callIds) {
    return jdbc.sql(
            """
            SELECT DISTINCT agent_id, user_id, (created_at AT TIME ZONE 'UTC')::date AS metric_date
            FROM calls WHERE id = ANY(:ids) AND agent_id IS NOT NULL
            ORDER BY agent_id, user_id, metric_date
            """)
        .param("ids", callIds.toArray(UUID[]::new))
        .query(Day.class)
        .list();
  }

  /**
   * Recounts {@code day}, inside the caller's transaction. It locks the day's row first and
   * aggregates in a later statement, so it counts every call committed before it got the lock.
   */
  public void recountDay(Day day) {
    jdbc.sql("SELECT pg_advisory_xact_lock_shared(:key)")
        .param("key", LOCK_KEY)
        .query()
        .listOfRows();
    jdbc.sql(
            """
            INSERT INTO agent_analytics (agent_id, user_id, metric_date)
            VALUES (:agentId, :userId, :day)
            ON CONFLICT (agent_id, user_id, metric_date) DO NOTHING
            """)
        .param("agentId", day.agentId())
        .param("userId", day.userId())
        .param("day", day.metricDate())
        .update();
    jdbc.sql(
            """
            SELECT id FROM agent_analytics
            WHERE agent_id = :agentId AND user_id = :userId AND metric_date = :day FOR UPDATE
            """)
        .param("agentId", day.agentId())
        .param("userId", day.userId())
        .param("day", day.metricDate())
        .query()
        .listOfRows();
    // A new statement after the lock: it sees every recount committed before this one.
    upsertTotals(
        day.metricDate(),
        "c.agent_id = :agentId AND c.user_id = :userId",
        Map.of("agentId", day.agentId(), "userId", day.userId()));
    // Still all zeros: the call is in progress, and nothing of that day is finished yet.
    jdbc.sql(
            """
            DELETE FROM agent_analytics
            WHERE agent_id = :agentId AND user_id = :userId AND metric_date = :day
              AND total_calls = 0
            """)
        .param("agentId", day.agentId())
        .param("userId", day.userId())
        .param("day", day.metricDate())
        .update();
  }

  /**
   * Writes the totals of {@code day} for the agents and users matching {@code condition}; answers
   * how many rows were written or changed (a row already right is left alone).
   */
  private int upsertTotals(LocalDate day, String condition, Map<String, Object> params) {
    return jdbc.sql(
            """
            INSERT INTO agent_analytics (agent_id, user_id, metric_date,
              total_calls, successful_calls, failed_calls, avg_duration_seconds,
              total_credits_used, avg_total_score, cta_interactions_total,
              cta_interactions_positive, cta_interactions_negative)
            SELECT agent_id, user_id, metric_date, total_calls, successful_calls,
              failed_calls, avg_duration_seconds, total_credits_used,
              avg_total_score, cta_interactions_total, cta_interactions_positive,
              cta_interactions_negative
            FROM (
            """
                + dayTotals(condition)
                + """
            ) totals
            ON CONFLICT (agent_id, user_id, metric_date) DO UPDATE SET
              total_calls = EXCLUDED.total_calls,
              successful_calls = EXCLUDED.successful_calls,
              failed_calls = EXCLUDED.failed_calls,
              avg_duration_seconds = EXCLUDED.avg_duration_seconds,
              total_credits_used = EXCLUDED.total_credits_used,
              avg_total_score = EXCLUDED.avg_total_score,
              cta_interactions_total = EXCLUDED.cta_interactions_total,
              cta_interactions_positive = EXCLUDED.cta_interactions_positive,
              cta_interactions_negative = EXCLUDED.cta_interactions_negative,
              updated_at = now()
            WHERE (agent_analytics.total_calls, agent_analytics.successful_calls,
                   agent_analytics.failed_calls, agent_analytics.avg_duration_seconds,
                   agent_analytics.total_credits_used, agent_analytics.avg_total_score,
                   agent_analytics.cta_interactions_total,
                   agent_analytics.cta_interactions_positive,
                   agent_analytics.cta_interactions_negative)
              IS DISTINCT FROM
                  (EXCLUDED.total_calls, EXCLUDED.successful_calls, EXCLUDED.failed_calls,
                   EXCLUDED.avg_duration_seconds, EXCLUDED.total_credits_used,
                   EXCLUDED.avg_total_score, EXCLUDED.cta_interactions_total,
                   EXCLUDED.cta_interactions_positive, EXCLUDED.cta_interactions_negative)
            """)
        .params(params)
        .param("from", day)
        .param("to", day.plusDays(1))
        .update();
  }

  /**
   * Recounts every row from {@code from} to {@code to} (both included) from {@code calls} and
   * {@code lead_analytics}, one day per transaction: rows that drifted are corrected, missing ones
   * written, and rows of days without finished calls removed.
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
            metricDate -> {
              int upserted = upsertTotals(metricDate, "true", Map.of());
              int deleted =
                  jdbc.sql(
                          """
                            DELETE FROM agent_analytics a
                            WHERE a.metric_date = :day
                              AND NOT EXISTS (
                                SELECT 1 FROM calls c
                                WHERE c.agent_id = a.agent_id AND c.user_id = a.user_id
                                  AND c.status <> 'in_progress'
                                  AND c.created_at >= (CAST(:day AS date) AT TIME ZONE 'UTC')
                                  AND c.created_at < (CAST(:next AS date) AT TIME ZONE 'UTC'))
                            """)
                      .param("day", metricDate)
                      .param("next", metricDate.plusDays(1))
                      .update();
              return new Rebuilt.Day(upserted, deleted);
            });
    log.info(
        "Rebuilt agent_analytics from {} to {}: {} rows corrected or written, {} removed",
        from,
        to,
        rebuilt.rows(),
        rebuilt.removed());
    return rebuilt;
  }
}
