--liquibase formatted sql

--changeset outdial:0025-create-do-not-call-numbers
-- Our own addition: numbers that must never be dialed, per tenant (user_id) or for the whole
-- platform (user_id NULL). The dial gate reads it at the moment of every dial.
CREATE TABLE do_not_call_numbers (
    id           UUID         NOT NULL DEFAULT uuid_generate_v4(),
    user_id      UUID,
    phone_number VARCHAR(50)  NOT NULL,
    reason       TEXT,
    source       VARCHAR(20)  NOT NULL DEFAULT 'manual',
    created_by   UUID,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT do_not_call_numbers_pkey PRIMARY KEY (id),
    CONSTRAINT fk_do_not_call_numbers__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_do_not_call_numbers__created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT ck_do_not_call_numbers__source CHECK (source IN ('manual', 'import', 'callee'))
);
CREATE UNIQUE INDEX uq_do_not_call_numbers__user_id_phone_number
    ON do_not_call_numbers (user_id, phone_number) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX uq_do_not_call_numbers__platform_phone_number
    ON do_not_call_numbers (phone_number) WHERE user_id IS NULL;
--rollback DROP TABLE do_not_call_numbers;

--changeset outdial:0025-add-call-attempts-created-at-index
-- Our own addition: the gate paces dials toward Bolna by the attempts of the last minute.
CREATE INDEX idx_call_attempts_created_at ON call_attempts (created_at);
--rollback DROP INDEX idx_call_attempts_created_at;
