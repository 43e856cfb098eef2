--liquibase formatted sql

--changeset outdial:0002-create-users
CREATE TABLE users (
    id                            UUID         NOT NULL DEFAULT uuid_generate_v4(),
    email                         VARCHAR(255) NOT NULL,
    name                          VARCHAR(255) NOT NULL,
    password_hash                 VARCHAR(255),
    credits                       INTEGER      NOT NULL DEFAULT 15,
    is_active                     BOOLEAN      NOT NULL DEFAULT true,
    role                          VARCHAR(20)  NOT NULL DEFAULT 'user',
    auth_provider                 VARCHAR(50)  NOT NULL DEFAULT 'email',
    stack_auth_user_id            VARCHAR(255),
    email_verified                BOOLEAN      NOT NULL DEFAULT false,
    email_verification_sent_at    TIMESTAMPTZ,
    company                       VARCHAR(255),
    website                       VARCHAR(255),
    location                      VARCHAR(255),
    bio                           TEXT,
    phone                         VARCHAR(50),
    concurrent_calls_limit        INTEGER      NOT NULL DEFAULT 2,
    system_concurrent_calls_limit INTEGER      NOT NULL DEFAULT 10,
    created_at                    TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at                    TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_stack_auth_user_id_key UNIQUE (stack_auth_user_id),
    CONSTRAINT ck_users__credits_non_negative CHECK (credits >= 0),
    CONSTRAINT ck_users__role CHECK (role IN ('user', 'admin', 'super_admin')),
    CONSTRAINT ck_users__auth_provider CHECK (auth_provider IN ('email', 'google', 'linkedin', 'github')),
    CONSTRAINT ck_users__concurrent_calls_limit_range CHECK (concurrent_calls_limit BETWEEN 1 AND 100),
    CONSTRAINT ck_users__system_concurrent_calls_limit_range CHECK (system_concurrent_calls_limit BETWEEN 1 AND 1000)
);
--rollback DROP TABLE users;
