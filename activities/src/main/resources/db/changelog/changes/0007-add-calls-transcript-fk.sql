--liquibase formatted sql

--changeset outdial:0007-add-calls-transcript-fk
--comment: calls and transcripts reference each other, so this key waits until both tables exist.
ALTER TABLE calls
    ADD CONSTRAINT fk_calls__transcript_id FOREIGN KEY (transcript_id) REFERENCES transcripts (id);
--rollback ALTER TABLE calls DROP CONSTRAINT fk_calls__transcript_id;
