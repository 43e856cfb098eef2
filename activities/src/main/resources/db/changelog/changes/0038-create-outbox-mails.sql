--liquibase formatted sql

--changeset outdial:0038-create-outbox-mails
-- Our own addition: every mail the platform sends, written in the transaction of the change that
-- causes it (a sign-up, a new verification link, a password reset), then sent and retried from here.
-- A sender claims a batch by moving next_attempt_at past a lease, so two nodes never take the same
-- mail at once and a sender that dies mid-send leaves it to be taken again after the lease. Without
-- SMTP the rows stay unsent, for a super_admin to read.
CREATE TABLE outbox_mails (
    id              UUID         NOT NULL DEFAULT uuid_generate_v4(),
    user_id         UUID,
    to_address      VARCHAR(255) NOT NULL,
    subject         VARCHAR(255) NOT NULL,
    body            TEXT         NOT NULL,
    kind            VARCHAR(30)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    sent_at         TIMESTAMPTZ,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_error      TEXT,
    CONSTRAINT outbox_mails_pkey PRIMARY KEY (id),
    CONSTRAINT fk_outbox_mails__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ck_outbox_mails__kind CHECK (kind IN ('email_verification', 'password_reset')),
    CONSTRAINT ck_outbox_mails__attempts_non_negative CHECK (attempts >= 0)
);
-- The sender's scan: unsent mails whose turn has come.
CREATE INDEX idx_outbox_mails_due ON outbox_mails (next_attempt_at) WHERE sent_at IS NULL;
-- The super_admin's list, newest first.
CREATE INDEX idx_outbox_mails_created ON outbox_mails (created_at DESC, id DESC);
CREATE INDEX idx_outbox_mails_user_id ON outbox_mails (user_id);
--rollback DROP TABLE outbox_mails;

--changeset outdial:0038-create-mail-tokens
-- Our own addition: the links sent by mail (verify an address, reset a password). Only a SHA-256 of
-- each token is kept, so the table alone opens nothing; a token is used at most once (used_at) and
-- not after expires_at, and only for the user and the purpose it was made for.
CREATE TABLE mail_tokens (
    id         UUID         NOT NULL DEFAULT uuid_generate_v4(),
    user_id    UUID         NOT NULL,
    purpose    VARCHAR(30)  NOT NULL,
    token_hash VARCHAR(64)  NOT NULL,
    email      VARCHAR(255) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at TIMESTAMPTZ  NOT NULL,
    used_at    TIMESTAMPTZ,
    CONSTRAINT mail_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT uq_mail_tokens__token_hash UNIQUE (token_hash),
    CONSTRAINT fk_mail_tokens__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ck_mail_tokens__purpose CHECK (purpose IN ('email_verification', 'password_reset'))
);
CREATE INDEX idx_mail_tokens_user_purpose ON mail_tokens (user_id, purpose, created_at DESC);
--rollback DROP TABLE mail_tokens;

--changeset outdial:0038-verify-super-admins
-- The operator who bootstraps the platform is trusted with its address: every super_admin made
-- before verification existed counts as verified, as the bootstrap marks new ones.
UPDATE users SET email_verified = true WHERE role = 'super_admin' AND NOT email_verified;
--rollback SELECT 1;
