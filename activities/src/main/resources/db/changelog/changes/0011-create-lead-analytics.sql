--liquibase formatted sql

--changeset outdial:0011-create-lead-analytics
CREATE TABLE lead_analytics (
    id                UUID         NOT NULL DEFAULT uuid_generate_v4(),
    call_id           UUID         NOT NULL,
    intent_level      VARCHAR(50),
    intent_score      INTEGER,
    urgency_level     VARCHAR(50),
    urgency_score     INTEGER,
    budget_constraint VARCHAR(50),
    budget_score      INTEGER,
    fit_alignment     VARCHAR(50),
    fit_score         INTEGER,
    engagement_health VARCHAR(50),
    engagement_score  INTEGER,
    total_score       INTEGER,
    lead_status_tag   VARCHAR(100),
    reasoning         JSONB                 DEFAULT '{}'::jsonb,
    cta_interactions  JSONB                 DEFAULT '{}'::jsonb,
    is_read           BOOLEAN      NOT NULL DEFAULT false,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT lead_analytics_pkey PRIMARY KEY (id),
    CONSTRAINT fk_lead_analytics__call_id FOREIGN KEY (call_id) REFERENCES calls (id) ON DELETE CASCADE,
    CONSTRAINT ck_lead_analytics__intent_score_range CHECK (intent_score BETWEEN 0 AND 100),
    CONSTRAINT ck_lead_analytics__urgency_score_range CHECK (urgency_score BETWEEN 0 AND 100),
    CONSTRAINT ck_lead_analytics__budget_score_range CHECK (budget_score BETWEEN 0 AND 100),
    CONSTRAINT ck_lead_analytics__fit_score_range CHECK (fit_score BETWEEN 0 AND 100),
    CONSTRAINT ck_lead_analytics__engagement_score_range CHECK (engagement_score BETWEEN 0 AND 100),
    CONSTRAINT ck_lead_analytics__total_score_range CHECK (total_score BETWEEN 0 AND 100)
);
CREATE INDEX idx_lead_analytics_call_id ON lead_analytics (call_id);
CREATE INDEX idx_lead_analytics_is_read ON lead_analytics (is_read);
--rollback DROP TABLE lead_analytics;
