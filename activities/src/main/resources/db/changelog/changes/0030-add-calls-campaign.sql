--liquibase formatted sql

--changeset outdial:0030-add-calls-campaign-id
-- Our own addition: the campaign a call was made for, on every attempt (call_queue.call_id names
-- only an item's last call). Campaign analytics and the campaign filters of the call list, the
-- exports and calls-per-day read a campaign's calls through its index.
ALTER TABLE calls ADD COLUMN campaign_id UUID;
ALTER TABLE calls ADD CONSTRAINT fk_calls__campaign_id FOREIGN KEY (campaign_id)
    REFERENCES call_campaigns (id) ON DELETE SET NULL;
UPDATE calls c SET campaign_id = q.campaign_id
FROM call_attempts a JOIN call_queue q ON q.id = a.queue_item_id
WHERE a.call_id = c.id;
UPDATE calls c SET campaign_id = q.campaign_id
FROM call_queue q
WHERE q.call_id = c.id AND c.campaign_id IS NULL;
CREATE INDEX idx_calls_campaign_created ON calls (campaign_id, created_at DESC, id DESC)
    WHERE campaign_id IS NOT NULL;
--rollback DROP INDEX idx_calls_campaign_created; ALTER TABLE calls DROP COLUMN campaign_id;
