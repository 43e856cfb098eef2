-- GET /api/campaigns/{id}/analytics: DashboardRepository.campaignAnalytics, its six queries in order
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
WHERE id = '@CAMPAIGN_ID@' AND user_id = '@USER_ID@';
SELECT
  COALESCE(AVG(c.duration_seconds), 0) as avg_duration_seconds
FROM calls c
WHERE c.id IN (
  SELECT call_id
  FROM call_queue
  WHERE campaign_id = '@CAMPAIGN_ID@' AND call_id IS NOT NULL
);
SELECT count(*) AS calls,
       count(*) FILTER (WHERE c.outcome = 'answered') AS answered,
       count(*) FILTER (WHERE c.outcome = 'busy') AS busy,
       count(*) FILTER (WHERE c.outcome = 'no-answer') AS no_answer,
       count(*) FILTER (WHERE c.outcome = 'voicemail') AS voicemail,
       count(*) FILTER (WHERE c.outcome = 'failed') AS failed,
       count(*) FILTER (WHERE c.status = 'in_progress') AS in_progress,
       COALESCE(sum(c.duration_minutes), 0) AS minutes,
       COALESCE(sum(c.credits_used), 0) AS credits_used
FROM calls c
WHERE c.campaign_id = '@CAMPAIGN_ID@' AND c.user_id = '@USER_ID@';
SELECT extract(hour FROM c.created_at AT TIME ZONE COALESCE(q.timezone, cc.timezone))::int
         AS hour,
       count(*) AS calls,
       count(*) FILTER (WHERE c.status = 'completed') AS answered,
       ROUND(100.0 * count(*) FILTER (WHERE c.status = 'completed') / count(*), 2)
         AS answer_rate
FROM calls c
JOIN call_campaigns cc ON cc.id = c.campaign_id
LEFT JOIN call_queue q ON q.campaign_id = c.campaign_id AND q.contact_id = c.contact_id
WHERE c.campaign_id = '@CAMPAIGN_ID@' AND c.user_id = '@USER_ID@'
  AND c.status <> 'in_progress'
GROUP BY 1
ORDER BY 1;
SELECT attempts,
       count(*) AS items,
       count(*) FILTER (WHERE status = 'completed') AS completed,
       count(*) FILTER (WHERE status = 'failed') AS failed,
       count(*) FILTER (WHERE status = 'queued') AS queued,
       count(*) FILTER (WHERE status NOT IN ('completed', 'failed', 'queued'))
         AS other
FROM call_queue
WHERE campaign_id = '@CAMPAIGN_ID@' AND user_id = '@USER_ID@'
GROUP BY attempts
ORDER BY attempts;
SELECT COALESCE(l.lead_status_tag, 'untagged') AS lead_status_tag,
       count(*) AS leads,
       ROUND(avg(l.total_score), 2) AS avg_total_score
FROM calls c
JOIN lead_analytics l ON l.call_id = c.id AND l.user_id = '@USER_ID@'
WHERE c.campaign_id = '@CAMPAIGN_ID@' AND c.user_id = '@USER_ID@'
GROUP BY 1
ORDER BY count(*) DESC, 1;
