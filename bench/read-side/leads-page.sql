-- GET /api/leads[?cursor=]: LeadRepository.findPage, no filters, limit 50 (51 fetched)
SELECT l.id, l.call_id, l.intent_level, l.intent_score, l.urgency_level,
       l.urgency_score, l.budget_constraint, l.budget_score, l.fit_alignment,
       l.fit_score, l.engagement_health, l.engagement_score, l.total_score,
       l.lead_status_tag, l.reasoning::text AS reasoning,
       l.cta_interactions::text AS cta_interactions, l.is_read, l.created_at,
       c.phone_number, c.lead_type, c.duration_seconds, c.agent_id, c.contact_id,
       ct.name AS contact_name, ct.email AS contact_email, ct.company AS contact_company
FROM lead_analytics l
JOIN calls c ON c.id = l.call_id
LEFT JOIN contacts ct ON ct.id = c.contact_id
WHERE l.user_id = '@USER_ID@'
  AND (CAST(NULL AS integer) IS NULL OR l.total_score >= NULL)
  AND (CAST(NULL AS text) IS NULL OR l.lead_status_tag = NULL)
  AND (CAST(NULL AS boolean) IS NULL OR l.is_read = NULL)
  AND (CAST(@AFTER_AT@ AS timestamptz) IS NULL
       OR (l.created_at, l.id) < (CAST(@AFTER_AT@ AS timestamptz), @AFTER_ID@))
ORDER BY l.created_at DESC, l.id DESC
LIMIT 51;
