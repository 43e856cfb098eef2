--liquibase formatted sql

--changeset outdial:0022-add-call-queue-timezone
-- Our own addition: the recipient's IANA zone, fixed when the item is queued (the contact's own
-- when its number maps to one zone, else the campaign's), in which its calling window is read.
ALTER TABLE call_queue ADD COLUMN timezone VARCHAR(64) NOT NULL DEFAULT 'UTC';
--rollback ALTER TABLE call_queue DROP COLUMN timezone;
