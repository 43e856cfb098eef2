--liquibase formatted sql

--changeset outdial:0029-add-calls-user-created-index
-- Our own addition: a user's calls newest first (the call list's keyset pages) and by day (the
-- calls-per-day chart) read this index instead of every call of the user.
CREATE INDEX idx_calls_user_created ON calls (user_id, created_at DESC, id DESC);
--rollback DROP INDEX idx_calls_user_created;

--changeset outdial:0029-add-agent-analytics-user-date-index
-- Our own addition: a user's agent analytics over a range of days.
CREATE INDEX idx_agent_analytics_user_date ON agent_analytics (user_id, metric_date);
--rollback DROP INDEX idx_agent_analytics_user_date;
