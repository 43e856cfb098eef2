--liquibase formatted sql

--changeset outdial:0010-create-call-queue
CREATE TABLE call_queue (
    id                        UUID         NOT NULL DEFAULT uuid_generate_v4(),
    user_id                   UUID         NOT NULL,
    campaign_id               UUID         NOT NULL,
    agent_id                  UUID         NOT NULL,
    contact_id                UUID         NOT NULL,
    phone_number              VARCHAR(50)  NOT NULL,
    contact_name              VARCHAR(255),
    user_data                 JSONB        NOT NULL DEFAULT '{}'::jsonb,
    status                    VARCHAR(20)  NOT NULL DEFAULT 'queued',
    priority                  INTEGER      NOT NULL DEFAULT 0,
    position                  INTEGER      NOT NULL,
    scheduled_for             TIMESTAMPTZ  NOT NULL,
    started_at                TIMESTAMPTZ,
    completed_at              TIMESTAMPTZ,
    call_id                   UUID,
    failure_reason            TEXT,
    last_system_allocation_at TIMESTAMPTZ,
    created_at                TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at                TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT call_queue_pkey PRIMARY KEY (id),
    CONSTRAINT uq_call_queue__campaign_id_contact_id UNIQUE (campaign_id, contact_id),
    CONSTRAINT uq_call_queue__id_user_id UNIQUE (id, user_id),
    CONSTRAINT fk_call_queue__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_call_queue__campaign_id FOREIGN KEY (campaign_id) REFERENCES call_campaigns (id) ON DELETE CASCADE,
    CONSTRAINT fk_call_queue__agent_id FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE RESTRICT,
    CONSTRAINT fk_call_queue__contact_id FOREIGN KEY (contact_id) REFERENCES contacts (id) ON DELETE CASCADE,
    CONSTRAINT fk_call_queue__call_id FOREIGN KEY (call_id) REFERENCES calls (id) ON DELETE SET NULL,
    CONSTRAINT fk_call_queue__campaign_id_user_id FOREIGN KEY (campaign_id, user_id) REFERENCES call_campaigns (id, user_id) ON DELETE CASCADE,
    CONSTRAINT fk_call_queue__agent_id_user_id FOREIGN KEY (agent_id, user_id) REFERENCES agents (id, user_id) ON DELETE RESTRICT,
    CONSTRAINT fk_call_queue__contact_id_user_id FOREIGN KEY (contact_id, user_id) REFERENCES contacts (id, user_id) ON DELETE CASCADE,
    CONSTRAINT ck_call_queue__status CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'cancelled', 'skipped'))
);
CREATE INDEX idx_call_queue_user_status ON call_queue (user_id, status);
CREATE INDEX idx_call_queue_campaign_status ON call_queue (campaign_id, status);
CREATE INDEX idx_call_queue_scheduled_for ON call_queue (scheduled_for) WHERE status = 'queued';
CREATE INDEX idx_call_queue_priority_position ON call_queue (user_id, priority DESC, position ASC) WHERE status = 'queued';
CREATE INDEX idx_call_queue_round_robin ON call_queue (user_id, last_system_allocation_at) WHERE status = 'queued';
--rollback DROP TABLE call_queue;
