--liquibase formatted sql

--changeset outdial:0017-add-contacts-user-data
-- Our own addition: a contact's own variables (the extra columns of an imported CSV), passed to
-- the agent with every call to the contact as Bolna's user_data.
ALTER TABLE contacts ADD COLUMN user_data JSONB NOT NULL DEFAULT '{}';
-- A user's contact list, newest first, paged by keyset.
CREATE INDEX idx_contacts_user_created ON contacts (user_id, created_at DESC, id DESC);
--rollback DROP INDEX idx_contacts_user_created;
--rollback ALTER TABLE contacts DROP COLUMN user_data;
