--liquibase formatted sql

--changeset outdial:0016-create-system-config
-- Our own addition (the seed lists system_config only as a legacy table to audit): platform-wide
-- settings, one JSON value per key, such as the platform's limit of calls in progress.
CREATE TABLE system_config (
    key        VARCHAR(100) NOT NULL,
    value      JSONB        NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_by UUID,
    CONSTRAINT system_config_pkey PRIMARY KEY (key),
    CONSTRAINT fk_system_config__updated_by FOREIGN KEY (updated_by) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT ck_system_config__system_concurrent_calls_limit CHECK (
        key <> 'system_concurrent_calls_limit'
        OR (jsonb_typeof(value) = 'number' AND (value #>> '{}')::int BETWEEN 1 AND 1000))
);
INSERT INTO system_config (key, value) VALUES ('system_concurrent_calls_limit', '10');
--rollback DROP TABLE system_config;
