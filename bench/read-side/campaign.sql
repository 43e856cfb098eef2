-- GET /api/campaigns/{id}: CampaignRepository.find (the campaign with its progress)
SELECT cc.*,
  CASE WHEN cc.total_contacts > 0
       THEN ROUND((cc.completed_calls::float / cc.total_contacts::float * 100)::numeric, 2)
       ELSE 0 END AS progress_percentage,
  (SELECT COALESCE(AVG(c.duration_seconds), 0) FROM calls c
   WHERE c.id IN (SELECT call_id FROM call_queue
                  WHERE campaign_id = cc.id AND call_id IS NOT NULL)) AS avg_duration_seconds
FROM call_campaigns cc
WHERE cc.id = '@CAMPAIGN_ID@' AND cc.user_id = '@USER_ID@';
