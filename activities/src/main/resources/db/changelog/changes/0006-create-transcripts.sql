--liquibase formatted sql

--changeset outdial:0006-create-transcripts
CREATE TABLE transcripts (
    id               UUID        NOT NULL DEFAULT uuid_generate_v4(),
    call_id          UUID        NOT NULL,
    content          TEXT        NOT NULL,
    speaker_segments JSONB       NOT NULL DEFAULT '[]'::jsonb,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT transcripts_pkey PRIMARY KEY (id),
    CONSTRAINT fk_transcripts__call_id FOREIGN KEY (call_id) REFERENCES calls (id) ON DELETE CASCADE
);
--rollback DROP TABLE transcripts;
