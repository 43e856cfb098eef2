--liquibase formatted sql

--changeset outdial:0023-add-campaign-paused-reason
-- Our own addition: why a campaign is paused: by its owner, or by the platform because the owner
-- ran out of credits (then it resumes by itself when credits arrive).
ALTER TABLE call_campaigns ADD COLUMN paused_reason TEXT;
--rollback ALTER TABLE call_campaigns DROP COLUMN paused_reason;
