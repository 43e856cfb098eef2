--liquibase formatted sql

--changeset outdial:0018-create-webhook-events
-- Our own addition: the inbox of provider webhooks. Every delivery is stored, raw, before the
-- endpoint answers 2xx, so nothing is lost; processing (matching it to a call and signalling the
-- call's workflow) happens afterwards and is retried until it succeeds.
CREATE TABLE webhook_events (
    id              UUID         NOT NULL DEFAULT uuid_generate_v4(),
    source          VARCHAR(20)  NOT NULL DEFAULT 'bolna',
    received_at     TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    execution_id    VARCHAR(255),
    status          VARCHAR(50),
    payload         JSONB,
    raw_body        TEXT,
    remote_address  VARCHAR(100),
    processed_at    TIMESTAMPTZ,
    outcome         VARCHAR(50),
    error           TEXT,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    CONSTRAINT webhook_events_pkey PRIMARY KEY (id),
    CONSTRAINT ck_webhook_events__source CHECK (source IN ('bolna')),
    CONSTRAINT ck_webhook_events__payload_or_raw_body CHECK (payload IS NOT NULL OR raw_body IS NOT NULL)
);
-- The sweeper's work list: what is not processed yet, oldest first.
CREATE INDEX idx_webhook_events_unprocessed ON webhook_events (received_at) WHERE processed_at IS NULL;
-- Every delivery of one execution, to deduplicate by (execution id, status).
CREATE INDEX idx_webhook_events_execution_status ON webhook_events (execution_id, status);
--rollback DROP TABLE webhook_events;
