-- GET /api/calls[?cursor=]: CallRepository.findPage, no filters, limit 50 (51 fetched);
-- the keyset (created_at, id) is NULL on the first page, the cursor's values on a deep one.
SELECT c.*
FROM calls c
WHERE c.user_id = '@USER_ID@'
  AND (CAST(NULL AS text) IS NULL OR c.status = NULL)
  AND (CAST(NULL AS uuid) IS NULL OR c.agent_id = NULL)
  AND (CAST(NULL AS text) IS NULL OR c.lead_type = NULL)
  AND (CAST(NULL AS uuid) IS NULL OR c.campaign_id = NULL)
  AND (CAST(NULL AS timestamptz) IS NULL OR c.created_at >= CAST(NULL AS timestamptz))
  AND (CAST(NULL AS timestamptz) IS NULL OR c.created_at < CAST(NULL AS timestamptz))
  AND (CAST(@AFTER_AT@ AS timestamptz) IS NULL
       OR (c.created_at, c.id) < (CAST(@AFTER_AT@ AS timestamptz), @AFTER_ID@))
ORDER BY c.created_at DESC, c.id DESC
LIMIT 51;
