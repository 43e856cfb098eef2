--liquibase formatted sql

--changeset outdial:0035-index-signalled-webhooks
-- Our own addition: whether an execution's status was signalled before is one probe of this
-- small index, however many repeats of it the inbox holds (the execution and status index holds
-- every repeat, and reading them all made repeats quadratic).
CREATE INDEX idx_webhook_events_signalled ON webhook_events (execution_id, status)
    WHERE outcome = 'signalled';
--rollback DROP INDEX idx_webhook_events_signalled;
