--liquibase formatted sql

--changeset outdial:0005-create-calls
--comment: transcript_id gets its foreign key once transcripts exists (0007).
CREATE TABLE calls (
    id                    UUID         NOT NULL DEFAULT uuid_generate_v4(),
    agent_id              UUID         NOT NULL,
    user_id               UUID         NOT NULL,
    contact_id            UUID,
    bolna_execution_id    VARCHAR(255) NOT NULL,
    phone_number          VARCHAR(50)  NOT NULL,
    call_source           VARCHAR(20)           DEFAULT 'phone',
    caller_name           VARCHAR(255),
    caller_email          VARCHAR(255),
    lead_type             VARCHAR(20)           DEFAULT 'outbound',
    duration_seconds      INTEGER      NOT NULL DEFAULT 0,
    duration_minutes      INTEGER      NOT NULL DEFAULT 0,
    credits_used          INTEGER      NOT NULL DEFAULT 0,
    status                VARCHAR(20)  NOT NULL DEFAULT 'in_progress',
    recording_url         TEXT,
    transcript_id         UUID,
    metadata              JSONB                 DEFAULT '{}'::jsonb,
    bolna_call_config     JSONB                 DEFAULT '{}'::jsonb,
    bolna_voice_settings  JSONB                 DEFAULT '{}'::jsonb,
    bolna_metadata        JSONB                 DEFAULT '{}'::jsonb,
    call_lifecycle_status VARCHAR(50),
    hangup_by             VARCHAR(50),
    hangup_reason         VARCHAR(255),
    hangup_provider_code  INTEGER,
    created_at            TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    completed_at          TIMESTAMPTZ,
    ringing_started_at    TIMESTAMPTZ,
    call_answered_at      TIMESTAMPTZ,
    call_disconnected_at  TIMESTAMPTZ,
    CONSTRAINT calls_pkey PRIMARY KEY (id),
    CONSTRAINT uq_calls__bolna_execution_id UNIQUE (bolna_execution_id),
    CONSTRAINT uq_calls__id_user_id UNIQUE (id, user_id),
    CONSTRAINT fk_calls__agent_id FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE CASCADE,
    CONSTRAINT fk_calls__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_calls__contact_id FOREIGN KEY (contact_id) REFERENCES contacts (id) ON DELETE SET NULL,
    CONSTRAINT fk_calls__agent_id_user_id FOREIGN KEY (agent_id, user_id) REFERENCES agents (id, user_id),
    CONSTRAINT ck_calls__credits_used_non_negative CHECK (credits_used >= 0),
    CONSTRAINT ck_calls__call_source CHECK (call_source IN ('phone', 'internet', 'unknown')),
    CONSTRAINT ck_calls__lead_type CHECK (lead_type IN ('inbound', 'outbound')),
    CONSTRAINT ck_calls__status CHECK (status IN ('completed', 'failed', 'in_progress', 'cancelled'))
);
CREATE INDEX idx_calls_bolna_execution_id ON calls (bolna_execution_id);
CREATE INDEX idx_calls_user_id ON calls (user_id);
CREATE INDEX idx_calls_agent_id ON calls (agent_id);
CREATE INDEX idx_calls_status ON calls (status);
CREATE INDEX idx_calls_created_at ON calls (created_at);
CREATE INDEX idx_calls_source_user ON calls (call_source, user_id);
CREATE INDEX idx_calls_lead_type ON calls (lead_type);
CREATE INDEX idx_calls_duration_seconds ON calls (duration_seconds);
--rollback DROP TABLE calls;
