-- GET /api/calls/export.csv: CallRepository.export, no filters (every call of the user)
SELECT c.id, c.created_at, c.phone_number, c.status, c.call_lifecycle_status, c.lead_type,
       c.agent_id, c.contact_id, c.duration_seconds, c.duration_minutes, c.credits_used,
       c.hangup_by, c.hangup_reason, c.recording_url, c.bolna_execution_id
FROM calls c
WHERE c.user_id = '@USER_ID@'
  AND (CAST(NULL AS text) IS NULL OR c.status = NULL)
  AND (CAST(NULL AS uuid) IS NULL OR c.agent_id = NULL)
  AND (CAST(NULL AS text) IS NULL OR c.lead_type = NULL)
  AND (CAST(NULL AS uuid) IS NULL OR c.campaign_id = NULL)
  AND (CAST(NULL AS timestamptz) IS NULL OR c.created_at >= CAST(NULL AS timestamptz))
  AND (CAST(NULL AS timestamptz) IS NULL OR c.created_at < CAST(NULL AS timestamptz))
 ORDER BY c.created_at DESC, c.id DESC;
