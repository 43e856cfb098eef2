--liquibase formatted sql

--changeset outdial:0041-index-slots-under-way
-- Our own addition: the gate counts, on every dial and under its lock, the attempts still being
-- placed and the queue items holding a slot. Without these the first count read every attempt ever
-- made and the second every queue item of the user, so each dial of a large campaign took longer
-- than the one before (90 ms a dial after 92,000 calls, with every other dial waiting on it).
CREATE INDEX idx_call_attempts_placing ON call_attempts (user_id) WHERE status = 'placing';
CREATE INDEX idx_call_queue_processing ON call_queue (call_id, user_id) WHERE status = 'processing';
--rollback DROP INDEX idx_call_queue_processing;
--rollback DROP INDEX idx_call_attempts_placing;
