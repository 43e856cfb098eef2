--liquibase formatted sql

--changeset outdial:0008-add-contacts-auto-created-from-call-fk
--comment: contacts is created before calls (calls.contact_id needs it), so this key comes afterwards.
ALTER TABLE contacts
    ADD CONSTRAINT fk_contacts__auto_created_from_call_id FOREIGN KEY (auto_created_from_call_id) REFERENCES calls (id);
--rollback ALTER TABLE contacts DROP CONSTRAINT fk_contacts__auto_created_from_call_id;
