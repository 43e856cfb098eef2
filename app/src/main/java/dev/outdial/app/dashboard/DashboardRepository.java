package dev.outdial.app.dashboard;

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
}
