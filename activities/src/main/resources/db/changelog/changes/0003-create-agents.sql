--liquibase formatted sql

--changeset outdial:0003-create-agents
CREATE TABLE agents (
    id                 UUID         NOT NULL DEFAULT uuid_generate_v4(),
    user_id            UUID         NOT NULL,
    bolna_agent_id     VARCHAR(255) NOT NULL,
    name               VARCHAR(255) NOT NULL,
    description        TEXT,
    agent_type         VARCHAR(50)  NOT NULL DEFAULT 'call',
    is_active          BOOLEAN      NOT NULL DEFAULT true,
    bolna_webhook_url  TEXT,
    bolna_voice_config JSONB                 DEFAULT '{}'::jsonb,
    bolna_llm_config   JSONB                 DEFAULT '{}'::jsonb,
    bolna_task_config  JSONB                 DEFAULT '{}'::jsonb,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT agents_pkey PRIMARY KEY (id),
    CONSTRAINT uq_agents__id_user_id UNIQUE (id, user_id),
    CONSTRAINT uq_agents__user_id_bolna_agent_id UNIQUE (user_id, bolna_agent_id),
    CONSTRAINT fk_agents__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ck_agents__agent_type CHECK (agent_type IN ('call', 'chat'))
);
CREATE INDEX idx_agents_bolna_agent_id ON agents (bolna_agent_id);
CREATE INDEX idx_agents_user_bolna ON agents (user_id, bolna_agent_id);
--rollback DROP TABLE agents;
