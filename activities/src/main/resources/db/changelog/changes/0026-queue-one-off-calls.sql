--liquibase formatted sql

--changeset outdial:0026-queue-one-off-calls
-- Our own addition: one-off calls wait for a slot like campaign items do. call_requests becomes
-- their queue (the seed's call_queue is for campaigns): the allocator gives them slots under the
-- same limits and turns, and the dial gate checks them at the moment of dialing.
ALTER TABLE call_requests
    ADD COLUMN status                    VARCHAR(20) NOT NULL DEFAULT 'queued',
    ADD COLUMN scheduled_for             TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ADD COLUMN attempts                  INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN started_at                TIMESTAMPTZ,
    ADD COLUMN completed_at              TIMESTAMPTZ,
    ADD COLUMN last_system_allocation_at TIMESTAMPTZ,
    ADD COLUMN call_id                   UUID,
    ADD COLUMN failure_reason            TEXT,
    ADD COLUMN updated_at                TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ADD CONSTRAINT fk_call_requests__call_id FOREIGN KEY (call_id) REFERENCES calls (id) ON DELETE SET NULL,
    ADD CONSTRAINT ck_call_requests__status CHECK (
        status IN ('queued', 'processing', 'completed', 'failed', 'cancelled', 'skipped'));
-- Requests accepted before the queue existed were dialed at once: their workflows run or ran.
UPDATE call_requests
SET status = CASE WHEN ended_at IS NULL THEN 'processing' ELSE 'completed' END,
    attempts = 1, started_at = created_at, completed_at = ended_at;
CREATE INDEX idx_call_requests_user_queued ON call_requests (user_id, scheduled_for)
    WHERE status = 'queued';
CREATE INDEX idx_call_requests_status ON call_requests (status, started_at);
--rollback DROP INDEX idx_call_requests_status; DROP INDEX idx_call_requests_user_queued;
--rollback ALTER TABLE call_requests DROP COLUMN status, DROP COLUMN scheduled_for, DROP COLUMN attempts, DROP COLUMN started_at, DROP COLUMN completed_at, DROP COLUMN last_system_allocation_at, DROP COLUMN call_id, DROP COLUMN failure_reason, DROP COLUMN updated_at;
