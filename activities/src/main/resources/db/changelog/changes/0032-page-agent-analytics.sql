--liquibase formatted sql

--changeset outdial:0032-page-agent-analytics-by-day-and-agent
-- Our own addition: a user's agent analytics in pages ordered by day, then agent (keyset), from
-- one index; it replaces the index on (user_id, metric_date) alone.
CREATE INDEX idx_agent_analytics_user_date_agent ON agent_analytics (user_id, metric_date, agent_id);
DROP INDEX idx_agent_analytics_user_date;
--rollback CREATE INDEX idx_agent_analytics_user_date ON agent_analytics (user_id, metric_date); DROP INDEX idx_agent_analytics_user_date_agent;
