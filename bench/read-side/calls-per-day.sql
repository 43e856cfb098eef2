-- GET /api/dashboard/calls-per-day?from=&to=[&tz=]: DashboardRepository.callDays (no agent, no
-- campaign): the user's quarter hours of call_activity, and the calls still in progress.
SELECT day, sum(calls) AS calls, sum(answered) AS answered, sum(busy) AS busy,
       sum(no_answer) AS no_answer, sum(voicemail) AS voicemail, sum(failed) AS failed,
       sum(minutes) AS minutes, sum(credits) AS credits,
       ROUND(sum(lead_score_sum)::numeric / NULLIF(sum(scored_calls), 0), 2) AS avg_lead_score
FROM (
  SELECT (a.bucket_start AT TIME ZONE '@ZONE@')::date AS day, a.calls, a.answered, a.busy,
         a.no_answer, a.voicemail, a.failed, a.minutes, a.credits, a.lead_score_sum,
         a.scored_calls
  FROM call_activity a
  WHERE a.user_id = '@USER_ID@' AND a.bucket_start >= '@START@' AND a.bucket_start < '@END@'
  UNION ALL
  SELECT (c.created_at AT TIME ZONE '@ZONE@')::date, 1, 0, 0, 0, 0, 0, c.duration_minutes,
         c.credits_used, 0, 0
  FROM calls c
  WHERE c.user_id = '@USER_ID@' AND c.status = 'in_progress'
    AND c.created_at >= '@START@' AND c.created_at < '@END@'
) t
GROUP BY day
ORDER BY day;
