--liquibase formatted sql

--changeset outdial:0037-create-sign-in-attempts
-- Our own addition: sign-in and sign-up attempts counted per client address and per account, in
-- fixed windows, so every app node refuses the same guessing with the same 429. A row lives only
-- while its window does; the app deletes the old ones.
CREATE TABLE sign_in_attempts (
    key               VARCHAR(320) NOT NULL,
    window_started_at TIMESTAMPTZ  NOT NULL,
    attempts          INTEGER      NOT NULL,
    CONSTRAINT sign_in_attempts_pkey PRIMARY KEY (key)
);
--rollback DROP TABLE sign_in_attempts;
