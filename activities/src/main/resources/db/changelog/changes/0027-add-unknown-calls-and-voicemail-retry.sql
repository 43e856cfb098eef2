--liquibase formatted sql

--changeset outdial:0027-add-calls-status-unknown
-- Our own addition to the seed's statuses: a call whose end could not be learned from Bolna (no
-- final status by the maximum call length). It is not billed and never dialed again, since it may
-- have happened; 'failed' would invite a second dial.
ALTER TABLE calls DROP CONSTRAINT ck_calls__status;
ALTER TABLE calls ADD CONSTRAINT ck_calls__status
    CHECK (status IN ('completed', 'failed', 'in_progress', 'cancelled', 'unknown'));
--rollback ALTER TABLE calls DROP CONSTRAINT ck_calls__status; ALTER TABLE calls ADD CONSTRAINT ck_calls__status CHECK (status IN ('completed', 'failed', 'in_progress', 'cancelled'));

--changeset outdial:0027-add-campaign-retry-on-voicemail
-- Our own addition: whether a call answered by voicemail is dialed again (within max_attempts).
ALTER TABLE call_campaigns ADD COLUMN retry_on_voicemail BOOLEAN NOT NULL DEFAULT false;
--rollback ALTER TABLE call_campaigns DROP COLUMN retry_on_voicemail;
