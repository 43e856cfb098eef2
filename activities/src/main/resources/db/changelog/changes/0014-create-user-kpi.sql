--liquibase formatted sql

--changeset outdial:0014-create-user-kpi
--comment: One row per user, including users without calls; the unique index allows REFRESH ... CONCURRENTLY.
CREATE MATERIALIZED VIEW user_kpi AS
SELECT u.id                                                          AS user_id,
       COALESCE(c.total_calls, 0)::BIGINT                            AS total_calls,
       COALESCE(c.completed_calls, 0)::BIGINT                        AS completed_calls,
       COALESCE(c.failed_calls, 0)::BIGINT                           AS failed_calls,
       COALESCE(c.total_credits_used, 0)::BIGINT                     AS total_credits_used,
       COALESCE(a.total_agents, 0)::BIGINT                           AS total_agents,
       COALESCE(ct.total_contacts, 0)::BIGINT                        AS total_contacts,
       COALESCE(ROUND(c.avg_completed_duration_seconds, 2), 0)::DECIMAL(10,2) AS avg_call_duration_seconds,
       COALESCE(ROUND(100.0 * c.completed_calls / NULLIF(c.total_calls, 0), 2), 0)::DECIMAL(5,2) AS success_rate,
       c.last_call_at                                                AS last_call_at,
       now()                                                         AS last_updated
FROM users u
LEFT JOIN (SELECT user_id,
                  COUNT(*)                                               AS total_calls,
                  COUNT(*) FILTER (WHERE status = 'completed')           AS completed_calls,
                  COUNT(*) FILTER (WHERE status = 'failed')              AS failed_calls,
                  SUM(credits_used)                                      AS total_credits_used,
                  AVG(duration_seconds) FILTER (WHERE status = 'completed') AS avg_completed_duration_seconds,
                  MAX(created_at)                                        AS last_call_at
           FROM calls
           GROUP BY user_id) c ON c.user_id = u.id
LEFT JOIN (SELECT user_id, COUNT(*) AS total_agents
           FROM agents
           GROUP BY user_id) a ON a.user_id = u.id
LEFT JOIN (SELECT user_id, COUNT(*) AS total_contacts
           FROM contacts
           GROUP BY user_id) ct ON ct.user_id = u.id;
CREATE UNIQUE INDEX idx_user_kpi_user_id ON user_kpi (user_id);
--rollback DROP MATERIALIZED VIEW user_kpi;
