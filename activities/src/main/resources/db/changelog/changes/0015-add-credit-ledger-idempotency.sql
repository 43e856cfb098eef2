--liquibase formatted sql

--changeset outdial:0015-add-credit-ledger-idempotency
-- Our own addition: the key a caller gives a ledger entry so a retried request, a repeated
-- webhook or a re-run activity applies it at most once.
ALTER TABLE credit_transactions ADD COLUMN idempotency_key VARCHAR(255);
CREATE UNIQUE INDEX uq_credit_transactions__idempotency_key
    ON credit_transactions (idempotency_key) WHERE idempotency_key IS NOT NULL;
-- A Stripe payment buys credits once; refunds of it carry the same payment id.
CREATE UNIQUE INDEX uq_credit_transactions__stripe_payment_id
    ON credit_transactions (stripe_payment_id) WHERE stripe_payment_id IS NOT NULL AND type = 'purchase';
-- A call is debited at most once.
CREATE UNIQUE INDEX uq_credit_transactions__usage_call_id
    ON credit_transactions (call_id) WHERE type = 'usage' AND call_id IS NOT NULL;
-- The user's statement, newest first.
CREATE INDEX idx_credit_transactions_user_created
    ON credit_transactions (user_id, created_at DESC, id DESC);
--rollback DROP INDEX idx_credit_transactions_user_created;
--rollback DROP INDEX uq_credit_transactions__usage_call_id;
--rollback DROP INDEX uq_credit_transactions__stripe_payment_id;
--rollback DROP INDEX uq_credit_transactions__idempotency_key;
--rollback ALTER TABLE credit_transactions DROP COLUMN idempotency_key;
