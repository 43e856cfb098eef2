-- GET /api/dashboard/kpis: DashboardRepository.kpis
SELECT user_id, total_calls, completed_calls, failed_calls, total_credits_used,
       total_agents, total_contacts, avg_call_duration_seconds, success_rate,
       last_call_at, last_updated
FROM user_kpi WHERE user_id = '@USER_ID@';
