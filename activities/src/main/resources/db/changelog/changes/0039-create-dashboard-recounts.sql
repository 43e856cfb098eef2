--liquibase formatted sql

--changeset outdial:0039-create-dashboard-recounts
-- Our own addition: calls whose dashboard counts (agent_analytics, call_activity) are to be
-- recounted. A row is written in the transaction that changes the call, its credits or its lead,
-- and taken by the recounter, which recounts each day and quarter hour once per batch however many
-- of its calls changed. No foreign key: a call deleted meanwhile is simply counted nowhere.
CREATE TABLE dashboard_recounts (
    id        BIGSERIAL   NOT NULL,
    call_id   UUID        NOT NULL,
    queued_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT dashboard_recounts_pkey PRIMARY KEY (id)
);
--rollback DROP TABLE dashboard_recounts;
