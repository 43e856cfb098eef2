--liquibase formatted sql

--changeset outdial:0004-create-contacts
--comment: auto_created_from_call_id gets its foreign key once calls exists (0008).
CREATE TABLE contacts (
    id                        UUID         NOT NULL DEFAULT uuid_generate_v4(),
    user_id                   UUID         NOT NULL,
    name                      VARCHAR(255) NOT NULL,
    phone_number              VARCHAR(50)  NOT NULL,
    email                     VARCHAR(255),
    company                   VARCHAR(255),
    notes                     TEXT,
    is_customer               BOOLEAN      NOT NULL DEFAULT false,
    is_auto_created           BOOLEAN      NOT NULL DEFAULT false,
    auto_created_from_call_id UUID,
    auto_creation_source      VARCHAR(20),
    not_connected             INTEGER      NOT NULL DEFAULT 0,
    created_at                TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at                TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT contacts_pkey PRIMARY KEY (id),
    CONSTRAINT uq_contacts__user_id_phone_number UNIQUE (user_id, phone_number),
    CONSTRAINT uq_contacts__id_user_id UNIQUE (id, user_id),
    CONSTRAINT fk_contacts__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ck_contacts__auto_creation_source CHECK (auto_creation_source IN ('webhook', 'manual'))
);
CREATE INDEX idx_contacts_user_id ON contacts (user_id);
CREATE INDEX idx_contacts_phone_number ON contacts (phone_number);
CREATE INDEX idx_contacts_is_customer ON contacts (is_customer);
--rollback DROP TABLE contacts;
