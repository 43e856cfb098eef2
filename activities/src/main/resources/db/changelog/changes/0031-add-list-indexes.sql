--liquibase formatted sql

--changeset outdial:0031-add-lead-analytics-user-id
-- Our own addition: the owner of a lead, so a user's leads are read newest first from their own
-- index instead of through every call. Written with the lead, from its call.
ALTER TABLE lead_analytics ADD COLUMN user_id UUID;
UPDATE lead_analytics l SET user_id = c.user_id FROM calls c WHERE c.id = l.call_id;
ALTER TABLE lead_analytics ALTER COLUMN user_id SET NOT NULL;
ALTER TABLE lead_analytics ADD CONSTRAINT fk_lead_analytics__user_id FOREIGN KEY (user_id)
    REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX idx_lead_analytics_user_created ON lead_analytics (user_id, created_at DESC, id DESC);
--rollback ALTER TABLE lead_analytics DROP COLUMN user_id;

--changeset outdial:0031-add-calls-agent-created-index
-- Our own addition: the call list filtered by agent, newest first.
CREATE INDEX idx_calls_agent_created ON calls (agent_id, created_at DESC, id DESC);
--rollback DROP INDEX idx_calls_agent_created;

--changeset outdial:0031-add-call-queue-campaign-position-index
-- Our own addition: a campaign's queue in position order (its keyset pages).
CREATE INDEX idx_call_queue_campaign_position ON call_queue (campaign_id, position);
--rollback DROP INDEX idx_call_queue_campaign_position;
