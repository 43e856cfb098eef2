package dev.outdial.app.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The read side: dashboards read Postgres directly. */
@Repository
public class DashboardRepository {

  private final JdbcClient jdbc;

  /**
   * How the calls {@code c} ended, as counts of {@code calls.outcome} (derived by the database from
   * status, lifecycle and the voicemail mark): {@code answered} (a conversation), {@code busy},
   * {@code no_answer}, {@code voicemail}, and {@code failed} for every other end; calls still in
   * progress are in none of them.
   */
  private static final String OUTCOMES =
      """
             count(*) FILTER (WHERE c.outcome = 'answered') AS answered,
             count(*) FILTER (WHERE c.outcome = 'busy') AS busy,
             count(*) FILTER (WHERE c.outcome = 'no-answer') AS no_answer,
             count(*) FILTER (WHERE c.outcome = 'voicemail') AS voicemail,
             count(*) FILTER (WHERE c.outcome = 'failed') AS failed,
      """;

  public DashboardRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<KpiView> kpis(UUID userId) {
    return jdbc.sql(
            """
            SELECT user_id, total_calls, completed_calls, failed_calls, total_credits_used,
                   total_agents, total_contacts, avg_call_duration_seconds, success_rate,
                   last_call_at, last_updated
            FROM user_kpi WHERE user_id = :userId
            """)
        .param("userId", userId)
        .query(KpiView.class)
        .optional();
  }

  /** Sums every user's row; the average duration is weighted by each user's completed calls. */
  public PlatformKpiView platformKpis() {
    return jdbc.sql(
            """
            SELECT count(*) AS total_users,
                   COALESCE(sum(total_calls), 0) AS total_calls,
                   COALESCE(sum(completed_calls), 0) AS completed_calls,
                   COALESCE(sum(failed_calls), 0) AS failed_calls,
                   COALESCE(sum(total_credits_used), 0) AS total_credits_used,
                   COALESCE(sum(total_agents), 0) AS total_agents,
                   COALESCE(sum(total_contacts), 0) AS total_contacts,
                   COALESCE(ROUND(sum(avg_call_duration_seconds * completed_calls)
                                  / NULLIF(sum(completed_calls), 0), 2), 0)
                     AS avg_call_duration_seconds,
                   COALESCE(ROUND(100.0 * sum(completed_calls) / NULLIF(sum(total_calls), 0), 2), 0)
                     AS success_rate,
                   max(last_call_at) AS last_call_at,
                   max(last_updated) AS last_updated
            FROM user_kpi
            """)
        .query(PlatformKpiView.class)
        .single();
  }

  /**
   * The user's agent analytics from {@code from} to {@code to}, both days included, by day and
   * agent, after the keyset position ({@code afterDate}, {@code afterAgent}) when one is given.
   */
  public List<AgentDayView> agentDays(
      UUID userId, LocalDate from, LocalDate to, LocalDate afterDate, UUID afterAgent, int size) {
    return jdbc.sql(
            """
            SELECT aa.agent_id, a.name AS agent_name, aa.metric_date, aa.total_calls,
                   aa.successful_calls, aa.failed_calls, aa.avg_duration_seconds,
                   aa.total_credits_used, aa.avg_total_score, aa.cta_interactions_total,
                   aa.cta_interactions_positive, aa.cta_interactions_negative
            FROM agent_analytics aa JOIN agents a ON a.id = aa.agent_id
            WHERE aa.user_id = :userId AND aa.metric_date BETWEEN :from AND :to
              AND (CAST(:afterDate AS date) IS NULL
                   OR (aa.metric_date, aa.agent_id) > (CAST(:afterDate AS date), :afterAgent))
            ORDER BY aa.metric_date, aa.agent_id
            LIMIT :size
            """)
        .param("userId", userId)
        .param("from", Date.valueOf(from))
        .param("to", Date.valueOf(to))
        .param("afterDate", afterDate == null ? null : Date.valueOf(afterDate))
        .param("afterAgent", afterAgent)
        .param("size", size)
        .query(AgentDayView.class)
        .list();
  }

  /**
   * The user's calls per day in {@code zone}, from {@code from} to {@code to} (both included),
   * optionally of one agent or one campaign; days without calls are left out. Unfiltered, the
   * finished calls are summed from {@code call_activity} (quarter hours) and the calls still in
   * progress added from {@code calls}; filtered, or in a zone whose days do not start on a quarter
   * hour, everything is counted from {@code calls}. Both count the same.
   */
  public List<CallDayView> callDays(
      UUID userId, LocalDate from, LocalDate to, ZoneId zone, UUID agentId, UUID campaignId) {
    Instant start = from.atStartOfDay(zone).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
    boolean quarterHours = start.getEpochSecond() % 900 == 0 && end.getEpochSecond() % 900 == 0;
    String sql =
        agentId == null && campaignId == null && quarterHours
            ? CALL_DAYS_FROM_ACTIVITY
            : CALL_DAYS_FROM_CALLS;
    return jdbc.sql(sql)
        .param("zone", zone.getId())
        .param("userId", userId)
        .param("start", Timestamp.from(start))
        .param("end", Timestamp.from(end))
        .param("agentId", agentId)
        .param("campaignId", campaignId)
        .query(CallDayView.class)
        .list();
  }

  private static final String CALL_DAYS_FROM_ACTIVITY =
      """
      SELECT day, sum(calls) AS calls, sum(answered) AS answered, sum(busy) AS busy,
             sum(no_answer) AS no_answer, sum(voicemail) AS voicemail, sum(failed) AS failed,
             sum(minutes) AS minutes, sum(credits) AS credits,
             ROUND(sum(lead_score_sum)::numeric / NULLIF(sum(scored_calls), 0), 2) AS avg_lead_score
      FROM (
        SELECT (a.bucket_start AT TIME ZONE :zone)::date AS day, a.calls, a.answered, a.busy,
               a.no_answer, a.voicemail, a.failed, a.minutes, a.credits, a.lead_score_sum,
               a.scored_calls
        FROM call_activity a
        WHERE a.user_id = :userId AND a.bucket_start >= :start AND a.bucket_start < :end
        UNION ALL
        -- Calls still going count as calls, in no outcome yet.
        SELECT (c.created_at AT TIME ZONE :zone)::date, 1, 0, 0, 0, 0, 0, c.duration_minutes,
               c.credits_used, 0, 0
        FROM calls c
        WHERE c.user_id = :userId AND c.status = 'in_progress'
          AND c.created_at >= :start AND c.created_at < :end
      ) t
      GROUP BY day
      ORDER BY day
      """;

  private static final String CALL_DAYS_FROM_CALLS =
"""
      SELECT (c.created_at AT TIME ZONE :zone)::date AS day,
             count(*) AS calls,
"""
          + OUTCOMES
          + """
             COALESCE(sum(c.duration_minutes), 0) AS minutes,
             COALESCE(sum(c.credits_used), 0) AS credits,
             ROUND(avg(l.total_score), 2) AS avg_lead_score
      FROM calls c
      -- The user's own leads: read from their index, not from every lead.
      LEFT JOIN lead_analytics l ON l.call_id = c.id AND l.user_id = :userId
      WHERE c.user_id = :userId
        AND c.created_at >= :start AND c.created_at < :end
        AND (CAST(:agentId AS uuid) IS NULL OR c.agent_id = :agentId)
        AND (CAST(:campaignId AS uuid) IS NULL OR c.campaign_id = :campaignId)
      GROUP BY 1
      ORDER BY 1
      """;

  /** The campaign's analytics, or empty when the user has no such campaign. */
  public Optional<CampaignAnalyticsView> campaignAnalytics(UUID userId, UUID campaignId) {
    record Head(
        String status,
        int totalContacts,
        int completedCalls,
        int successfulCalls,
        int failedCalls,
        BigDecimal progressPercentage) {}
    Optional<Head> head =
        jdbc.sql(
                // The seed's "Get Campaign Progress", as written.
                """
                SELECT status,
                  total_contacts,
                  completed_calls,
                  successful_calls,
                  failed_calls,
                  CASE
                    WHEN total_contacts > 0
                    THEN ROUND((completed_calls::float / total_contacts::float * 100)::numeric, 2)
                    ELSE 0
                  END as progress_percentage
                FROM call_campaigns
                WHERE id = :campaignId AND user_id = :userId
                """)
            .param("campaignId", campaignId)
            .param("userId", userId)
            .query(Head.class)
            .optional();
    if (head.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal avgDuration =
        jdbc.sql(
                // The seed's "Get Average Call Duration (Campaign)", as written.
                """
                SELECT
                  COALESCE(AVG(c.duration_seconds), 0) as avg_duration_seconds
                FROM calls c
                WHERE c.id IN (
                  SELECT call_id
                  FROM call_queue
                  WHERE campaign_id = :campaignId AND call_id IS NOT NULL
                )
                """)
            .param("campaignId", campaignId)
            .query(BigDecimal.class)
            .single()
            .setScale(2, RoundingMode.HALF_UP);
    record Totals(
        int calls,
        int answered,
        int busy,
        int noAnswer,
        int voicemail,
        int failed,
        int inProgress,
        int minutes,
        int creditsUsed) {}
    Totals totals =
        jdbc.sql(
                """
                SELECT count(*) AS calls,
                """
                    + OUTCOMES
                    + """
                       count(*) FILTER (WHERE c.status = 'in_progress') AS in_progress,
                       COALESCE(sum(c.duration_minutes), 0) AS minutes,
                       COALESCE(sum(c.credits_used), 0) AS credits_used
                FROM calls c
                WHERE c.campaign_id = :campaignId AND c.user_id = :userId
                """)
            .param("campaignId", campaignId)
            .param("userId", userId)
            .query(Totals.class)
            .single();
    List<CampaignAnalyticsView.HourOfDay> hours =
        jdbc.sql(
                // The recipient's zone is the one their queue item was scheduled in.
                """
                SELECT extract(hour FROM c.created_at AT TIME ZONE COALESCE(q.timezone, cc.timezone))::int
                         AS hour,
                       count(*) AS calls,
                       count(*) FILTER (WHERE c.status = 'completed') AS answered,
                       ROUND(100.0 * count(*) FILTER (WHERE c.status = 'completed') / count(*), 2)
                         AS answer_rate
                FROM calls c
                JOIN call_campaigns cc ON cc.id = c.campaign_id
                LEFT JOIN call_queue q ON q.campaign_id = c.campaign_id AND q.contact_id = c.contact_id
                WHERE c.campaign_id = :campaignId AND c.user_id = :userId
                  AND c.status <> 'in_progress'
                GROUP BY 1
                ORDER BY 1
                """)
            .param("campaignId", campaignId)
            .param("userId", userId)
            .query(CampaignAnalyticsView.HourOfDay.class)
            .list();
    List<CampaignAnalyticsView.Attempts> attempts =
        jdbc.sql(
                """
                SELECT attempts,
                       count(*) AS items,
                       count(*) FILTER (WHERE status = 'completed') AS completed,
                       count(*) FILTER (WHERE status = 'failed') AS failed,
                       count(*) FILTER (WHERE status = 'queued') AS queued,
                       count(*) FILTER (WHERE status NOT IN ('completed', 'failed', 'queued'))
                         AS other
                FROM call_queue
                WHERE campaign_id = :campaignId AND user_id = :userId
                GROUP BY attempts
                ORDER BY attempts
                """)
            .param("campaignId", campaignId)
            .param("userId", userId)
            .query(CampaignAnalyticsView.Attempts.class)
            .list();
    List<CampaignAnalyticsView.LeadTag> tags =
        jdbc.sql(
                """
                SELECT COALESCE(l.lead_status_tag, 'untagged') AS lead_status_tag,
                       count(*) AS leads,
                       ROUND(avg(l.total_score), 2) AS avg_total_score
                FROM calls c
                JOIN lead_analytics l ON l.call_id = c.id AND l.user_id = :userId
                WHERE c.campaign_id = :campaignId AND c.user_id = :userId
                GROUP BY 1
                ORDER BY count(*) DESC, 1
                """)
            .param("campaignId", campaignId)
            .param("userId", userId)
            .query(CampaignAnalyticsView.LeadTag.class)
            .list();
    Head h = head.get();
    return Optional.of(
        new CampaignAnalyticsView(
            campaignId,
            h.status(),
            new CampaignAnalyticsView.Progress(
                h.totalContacts(),
                h.completedCalls(),
                h.successfulCalls(),
                h.failedCalls(),
                h.progressPercentage()),
            avgDuration,
            new CampaignAnalyticsView.Outcomes(
                totals.calls(),
                totals.answered(),
                totals.busy(),
                totals.noAnswer(),
                totals.voicemail(),
                totals.failed(),
                totals.inProgress()),
            totals.minutes(),
            totals.creditsUsed(),
            hours,
            attempts,
            tags));
  }
}
