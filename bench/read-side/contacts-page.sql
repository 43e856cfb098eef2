-- GET /api/contacts[?cursor=]: ContactRepository.findPage, no search, limit 50 (51 fetched)
SELECT id, name, phone_number, email, company, notes, is_customer, is_auto_created,
       auto_created_from_call_id, auto_creation_source, not_connected, user_data::text AS user_data,
       created_at, updated_at
FROM contacts
WHERE user_id = '@USER_ID@'
  AND (CAST(NULL AS text) IS NULL
       OR name ILIKE NULL OR phone_number ILIKE NULL
       OR email ILIKE NULL OR company ILIKE NULL)
  AND (CAST(NULL AS boolean) IS NULL OR is_customer = NULL)
  AND (CAST(@AFTER_AT@ AS timestamptz) IS NULL
       OR (created_at, id) < (CAST(@AFTER_AT@ AS timestamptz), @AFTER_ID@))
ORDER BY created_at DESC, id DESC
LIMIT 51;
