--liquibase formatted sql

--changeset outdial:0012-create-credit-transactions
CREATE TABLE credit_transactions (
    id                UUID         NOT NULL DEFAULT uuid_generate_v4(),
    user_id           UUID         NOT NULL,
    type              VARCHAR(50)  NOT NULL,
    amount            INTEGER      NOT NULL,
    balance_after     INTEGER      NOT NULL,
    description       TEXT         NOT NULL,
    stripe_payment_id VARCHAR(255),
    call_id           UUID,
    created_by        UUID,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT credit_transactions_pkey PRIMARY KEY (id),
    CONSTRAINT fk_credit_transactions__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_credit_transactions__call_id FOREIGN KEY (call_id) REFERENCES calls (id) ON DELETE SET NULL,
    CONSTRAINT fk_credit_transactions__created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT ck_credit_transactions__balance_after_non_negative CHECK (balance_after >= 0),
    CONSTRAINT ck_credit_transactions__type CHECK (type IN ('purchase', 'usage', 'bonus', 'admin_adjustment', 'refund'))
);
--rollback DROP TABLE credit_transactions;
