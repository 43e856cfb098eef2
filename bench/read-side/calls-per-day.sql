-- GET /api/dashboard/calls-per-day?from=&to=[&tz=]: DashboardRepository.callDays (no agent, no campaign)
SELECT (c.created_at AT TIME ZONE '@ZONE@')::date AS day,
       count(*) AS calls,
       count(*) FILTER (WHERE c.outcome = 'answered') AS answered,
       count(*) FILTER (WHERE c.outcome = 'busy') AS busy,
       count(*) FILTER (WHERE c.outcome = 'no-answer') AS no_answer,
       count(*) FILTER (WHERE c.outcome = 'voicemail') AS voicemail,
       count(*) FILTER (WHERE c.outcome = 'failed') AS failed,
       COALESCE(sum(c.duration_minutes), 0) AS minutes,
       COALESCE(sum(c.credits_used), 0) AS credits,
       ROUND(avg(l.total_score), 2) AS avg_lead_score
FROM calls c
LEFT JOIN lead_analytics l ON l.call_id = c.id AND l.user_id = '@USER_ID@'
WHERE c.user_id = '@USER_ID@'
  AND c.created_at >= '@START@' AND c.created_at < '@END@'
  AND (CAST(NULL AS uuid) IS NULL OR c.agent_id = NULL)
  AND (CAST(NULL AS uuid) IS NULL OR c.campaign_id = NULL)
GROUP BY 1
ORDER BY 1;
