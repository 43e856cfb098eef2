--liquibase formatted sql

--changeset outdial:0013-create-agent-analytics
CREATE TABLE agent_analytics (
    id                        UUID          NOT NULL DEFAULT uuid_generate_v4(),
    agent_id                  UUID          NOT NULL,
    user_id                   UUID          NOT NULL,
    metric_date               DATE          NOT NULL DEFAULT CURRENT_DATE,
    total_calls               INTEGER       NOT NULL DEFAULT 0,
    successful_calls          INTEGER       NOT NULL DEFAULT 0,
    failed_calls              INTEGER       NOT NULL DEFAULT 0,
    avg_duration_seconds      DECIMAL(10,2) NOT NULL DEFAULT 0,
    total_credits_used        INTEGER       NOT NULL DEFAULT 0,
    avg_total_score           DECIMAL(5,2),
    cta_interactions_total    INTEGER       NOT NULL DEFAULT 0,
    cta_interactions_positive INTEGER       NOT NULL DEFAULT 0,
    cta_interactions_negative INTEGER       NOT NULL DEFAULT 0,
    created_at                TIMESTAMPTZ   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at                TIMESTAMPTZ   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT agent_analytics_pkey PRIMARY KEY (id),
    CONSTRAINT uq_agent_analytics__agent_id_user_id_metric_date UNIQUE (agent_id, user_id, metric_date),
    CONSTRAINT fk_agent_analytics__agent_id FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE CASCADE,
    CONSTRAINT fk_agent_analytics__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
--rollback DROP TABLE agent_analytics;
