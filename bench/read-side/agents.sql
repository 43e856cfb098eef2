-- GET /api/dashboard/agents?from=&to=: DashboardRepository.agentDays, first page (51 fetched)
SELECT aa.agent_id, a.name AS agent_name, aa.metric_date, aa.total_calls,
       aa.successful_calls, aa.failed_calls, aa.avg_duration_seconds,
       aa.total_credits_used, aa.avg_total_score, aa.cta_interactions_total,
       aa.cta_interactions_positive, aa.cta_interactions_negative
FROM agent_analytics aa JOIN agents a ON a.id = aa.agent_id
WHERE aa.user_id = '@USER_ID@' AND aa.metric_date BETWEEN '@FROM@' AND '@TO@'
  AND (CAST(NULL AS date) IS NULL
       OR (aa.metric_date, aa.agent_id) > (CAST(NULL AS date), CAST(NULL AS uuid)))
ORDER BY aa.metric_date, aa.agent_id
LIMIT 51;
