--liquibase formatted sql

--changeset outdial:0033-add-calls-outcome
-- Our own addition: how a call ended, derived from its status, Bolna's lifecycle status and the
-- voicemail mark, so that charts count outcomes from an index alone instead of reading every
-- call row (a heavy user's 90 days are 100,000 rows scattered over the table).
ALTER TABLE calls ADD COLUMN outcome VARCHAR(20) GENERATED ALWAYS AS (
    CASE
        WHEN status = 'in_progress' THEN NULL
        WHEN status = 'completed' THEN 'answered'
        WHEN metadata->>'outcome' = 'voicemail' THEN 'voicemail'
        WHEN call_lifecycle_status = 'busy' THEN 'busy'
        WHEN call_lifecycle_status = 'no-answer' THEN 'no-answer'
        ELSE 'failed'
    END) STORED;
-- A user's calls by day and outcome, with what a chart sums, read from the index alone.
CREATE INDEX idx_calls_user_created_outcome ON calls (user_id, created_at)
    INCLUDE (outcome, duration_minutes, credits_used, agent_id, campaign_id, id);
--rollback DROP INDEX idx_calls_user_created_outcome; ALTER TABLE calls DROP COLUMN outcome;

--changeset outdial:0033-cover-lead-analytics-user-created
-- Our own addition: a user's lead scores by call, read from the index alone.
CREATE INDEX idx_lead_analytics_user_created_cover ON lead_analytics (user_id, created_at DESC, id DESC)
    INCLUDE (call_id, total_score);
DROP INDEX idx_lead_analytics_user_created;
ALTER INDEX idx_lead_analytics_user_created_cover RENAME TO idx_lead_analytics_user_created;
--rollback DROP INDEX idx_lead_analytics_user_created; CREATE INDEX idx_lead_analytics_user_created ON lead_analytics (user_id, created_at DESC, id DESC);
