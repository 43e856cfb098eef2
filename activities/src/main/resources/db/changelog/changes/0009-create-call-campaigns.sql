--liquibase formatted sql

--changeset outdial:0009-create-call-campaigns
CREATE TABLE call_campaigns (
    id               UUID         NOT NULL DEFAULT uuid_generate_v4(),
    user_id          UUID         NOT NULL,
    name             VARCHAR(255) NOT NULL,
    description      TEXT,
    agent_id         UUID         NOT NULL,
    next_action      TEXT         NOT NULL,
    first_call_time  TIME         NOT NULL,
    last_call_time   TIME         NOT NULL,
    start_date       DATE         NOT NULL,
    end_date         DATE,
    status           VARCHAR(20)  NOT NULL DEFAULT 'draft',
    total_contacts   INTEGER      NOT NULL DEFAULT 0,
    completed_calls  INTEGER      NOT NULL DEFAULT 0,
    successful_calls INTEGER      NOT NULL DEFAULT 0,
    failed_calls     INTEGER      NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    started_at       TIMESTAMPTZ,
    completed_at     TIMESTAMPTZ,
    CONSTRAINT call_campaigns_pkey PRIMARY KEY (id),
    CONSTRAINT uq_call_campaigns__id_user_id UNIQUE (id, user_id),
    CONSTRAINT fk_call_campaigns__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_call_campaigns__agent_id FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE RESTRICT,
    CONSTRAINT fk_call_campaigns__agent_id_user_id FOREIGN KEY (agent_id, user_id) REFERENCES agents (id, user_id) ON DELETE RESTRICT,
    CONSTRAINT ck_call_campaigns__status CHECK (status IN ('draft', 'scheduled', 'active', 'paused', 'completed', 'cancelled'))
);
CREATE INDEX idx_call_campaigns_user_id ON call_campaigns (user_id);
CREATE INDEX idx_call_campaigns_status ON call_campaigns (status);
CREATE INDEX idx_call_campaigns_agent_id ON call_campaigns (agent_id);
CREATE INDEX idx_call_campaigns_start_date ON call_campaigns (start_date) WHERE status IN ('scheduled', 'active');
--rollback DROP TABLE call_campaigns;
