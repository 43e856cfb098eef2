--liquibase formatted sql

--changeset outdial:0036-index-unbilled-calls
-- Our own addition: the dial gate subtracts what a user's ended, not yet debited calls owe from
-- the balance; this index holds only those calls, a handful at any moment, however many calls
-- the user has made.
CREATE INDEX idx_calls_user_unbilled ON calls (user_id)
    WHERE duration_seconds > 0 AND credits_used = 0;
--rollback DROP INDEX idx_calls_user_unbilled;
