--liquibase formatted sql

--changeset outdial:0021-add-campaign-retries-and-timezone
-- Our own additions: how often a campaign dials a contact who does not answer, how long it waits
-- between those attempts, and the IANA zone its calling window is read in when a number does not
-- tell the recipient's own zone.
ALTER TABLE call_campaigns ADD COLUMN max_attempts INTEGER NOT NULL DEFAULT 2;
ALTER TABLE call_campaigns ADD COLUMN retry_delay_minutes INTEGER NOT NULL DEFAULT 60;
ALTER TABLE call_campaigns ADD COLUMN timezone VARCHAR(64) NOT NULL DEFAULT 'UTC';
ALTER TABLE call_campaigns ADD CONSTRAINT ck_call_campaigns__max_attempts_range CHECK (max_attempts BETWEEN 1 AND 10);
ALTER TABLE call_campaigns ADD CONSTRAINT ck_call_campaigns__retry_delay_minutes_range CHECK (retry_delay_minutes BETWEEN 1 AND 10080);
-- Attempts made for a queue item so far.
ALTER TABLE call_queue ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE call_queue ADD CONSTRAINT ck_call_queue__attempts_non_negative CHECK (attempts >= 0);
--rollback ALTER TABLE call_queue DROP COLUMN attempts;
--rollback ALTER TABLE call_campaigns DROP COLUMN timezone;
--rollback ALTER TABLE call_campaigns DROP COLUMN retry_delay_minutes;
--rollback ALTER TABLE call_campaigns DROP COLUMN max_attempts;
