package dev.outdial.app.dashboard;

import java.sql.Date;
import java.sql.Timestamp;
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

  /** The user's agent analytics from {@code from} to {@code to}, both days included. */
  public List<AgentDayView> agentDays(UUID userId, LocalDate from, LocalDate to) {
    return jdbc.sql(
            """
            SELECT aa.agent_id, a.name AS agent_name, aa.metric_date, aa.total_calls,
                   aa.successful_calls, aa.failed_calls, aa.avg_duration_seconds,
                   aa.total_credits_used, aa.avg_total_score, aa.cta_interactions_total,
                   aa.cta_interactions_positive, aa.cta_interactions_negative
            FROM agent_analytics aa JOIN agents a ON a.id = aa.agent_id
            WHERE aa.user_id = :userId AND aa.metric_date BETWEEN :from AND :to
            ORDER BY aa.metric_date, a.name, aa.agent_id
            """)
        .param("userId", userId)
        .param("from", Date.valueOf(from))
        .param("to", Date.valueOf(to))
        .query(AgentDayView.class)
        .list();
  }

  /**
   * The user's calls per day in {@code zone}, from {@code from} to {@code to} (both included),
   * optionally of one agent or one campaign; days without calls are left out.
   */
  public List<CallDayView> callDays(
      UUID userId, LocalDate from, LocalDate to, ZoneId zone, UUID agentId, UUID campaignId) {
    return jdbc.sql(
            """
            SELECT (c.created_at AT TIME ZONE :zone)::date AS day,
                   count(*) AS calls,
                   count(*) FILTER (WHERE c.status = 'completed') AS answered,
                   count(*) FILTER (WHERE c.call_lifecycle_status = 'busy') AS busy,
                   count(*) FILTER (WHERE c.call_lifecycle_status = 'no-answer') AS no_answer,
                   count(*) FILTER (WHERE c.metadata->>'outcome' = 'voicemail') AS voicemail,
                   count(*) FILTER (WHERE c.status NOT IN ('completed', 'in_progress')
                                      AND c.call_lifecycle_status IS DISTINCT FROM 'busy'
                                      AND c.call_lifecycle_status IS DISTINCT FROM 'no-answer'
                                      AND c.metadata->>'outcome' IS DISTINCT FROM 'voicemail')
                     AS failed,
                   COALESCE(sum(c.duration_minutes), 0) AS minutes,
                   COALESCE(sum(c.credits_used), 0) AS credits,
                   ROUND(avg(l.total_score), 2) AS avg_lead_score
            FROM calls c
            LEFT JOIN lead_analytics l ON l.call_id = c.id
            WHERE c.user_id = :userId
              AND c.created_at >= :start AND c.created_at < :end
              AND (CAST(:agentId AS uuid) IS NULL OR c.agent_id = :agentId)
              AND (CAST(:campaignId AS uuid) IS NULL
                   OR c.id IN (SELECT q.call_id FROM call_queue q
                               WHERE q.campaign_id = :campaignId AND q.user_id = :userId))
            GROUP BY 1
            ORDER BY 1
            """)
        .param("zone", zone.getId())
        .param("userId", userId)
        .param("start", Timestamp.from(from.atStartOfDay(zone).toInstant()))
        .param("end", Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()))
        .param("agentId", agentId)
        .param("campaignId", campaignId)
        .query(CallDayView.class)
        .list();
  }
}
