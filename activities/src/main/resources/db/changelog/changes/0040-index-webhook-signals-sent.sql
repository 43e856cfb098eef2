--liquibase formatted sql

--changeset outdial:0040-index-webhook-signals-sent
-- Our own addition: a repeat of a status is a duplicate as soon as an earlier delivery of it is on
-- its way to the workflow ('signalling'), not only once that signal is answered, so two repeats
-- processed close together never both signal. Whether one was sent stays one probe of a small
-- index however many repeats the inbox holds; it replaces the index of signalled events alone.
CREATE INDEX idx_webhook_events_signal_sent ON webhook_events (execution_id, status)
    WHERE outcome IN ('signalling', 'signalled');
DROP INDEX idx_webhook_events_signalled;
--rollback CREATE INDEX idx_webhook_events_signalled ON webhook_events (execution_id, status) WHERE outcome = 'signalled';
--rollback DROP INDEX idx_webhook_events_signal_sent;
