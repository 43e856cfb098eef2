--liquibase formatted sql

--changeset outdial:0020-create-call-attempts
-- Our own addition: every attempt to place a call, recorded before Bolna is asked. Bolna has no
-- idempotency key, so this row is what keeps a call from being dialed twice: an attempt whose
-- outcome is in doubt is looked up at Bolna, never placed again.
CREATE TABLE call_attempts (
    id                 UUID         NOT NULL DEFAULT uuid_generate_v4(),
    attempt_key        VARCHAR(255) NOT NULL,
    workflow_id        VARCHAR(255) NOT NULL,
    user_id            UUID         NOT NULL,
    agent_id           UUID         NOT NULL,
    queue_item_id      UUID,
    phone_number       VARCHAR(50)  NOT NULL,
    status             VARCHAR(20)  NOT NULL DEFAULT 'placing',
    bolna_execution_id VARCHAR(255),
    call_id            UUID,
    failure_reason     TEXT,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT call_attempts_pkey PRIMARY KEY (id),
    CONSTRAINT uq_call_attempts__attempt_key UNIQUE (attempt_key),
    CONSTRAINT uq_call_attempts__bolna_execution_id UNIQUE (bolna_execution_id),
    CONSTRAINT fk_call_attempts__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_call_attempts__agent_id_user_id FOREIGN KEY (agent_id, user_id) REFERENCES agents (id, user_id) ON DELETE CASCADE,
    CONSTRAINT fk_call_attempts__call_id FOREIGN KEY (call_id) REFERENCES calls (id) ON DELETE SET NULL,
    CONSTRAINT ck_call_attempts__status CHECK (status IN ('placing', 'placed', 'unknown'))
);
--rollback DROP TABLE call_attempts;

--changeset outdial:0020-add-contacts-do-not-call
-- Our own addition: a contact who asked not to be called again is never dialed by a campaign.
ALTER TABLE contacts ADD COLUMN do_not_call BOOLEAN NOT NULL DEFAULT false;
--rollback ALTER TABLE contacts DROP COLUMN do_not_call;

--changeset outdial:0020-add-lead-analytics-one-per-call
-- Our own addition: a call is scored once.
CREATE UNIQUE INDEX uq_lead_analytics__call_id ON lead_analytics (call_id);
--rollback DROP INDEX uq_lead_analytics__call_id;
