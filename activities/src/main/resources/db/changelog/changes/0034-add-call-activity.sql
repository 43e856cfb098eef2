--liquibase formatted sql

--changeset outdial:0034-add-call-activity
-- Our own addition: each user's finished calls per quarter hour (UTC), what calls-per-day sums in
-- any time zone (every zone's offset is a whole number of quarter hours). A heavy user's 90 days
-- are 8,640 rows here instead of 100,000 calls. Owned by CallActivity in activities.
CREATE TABLE call_activity (
    user_id UUID NOT NULL,
    bucket_start TIMESTAMPTZ NOT NULL,
    calls INTEGER NOT NULL DEFAULT 0,
    answered INTEGER NOT NULL DEFAULT 0,
    busy INTEGER NOT NULL DEFAULT 0,
    no_answer INTEGER NOT NULL DEFAULT 0,
    voicemail INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    minutes BIGINT NOT NULL DEFAULT 0,
    credits BIGINT NOT NULL DEFAULT 0,
    lead_score_sum BIGINT NOT NULL DEFAULT 0,
    scored_calls INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_id, bucket_start),
    CONSTRAINT fk_call_activity__user_id FOREIGN KEY (user_id)
        REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ck_call_activity__quarter_hour CHECK (
        date_bin('15 minutes', bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00') = bucket_start),
    CONSTRAINT ck_call_activity__counts CHECK (
        calls >= 0 AND answered + busy + no_answer + voicemail + failed = calls
        AND scored_calls BETWEEN 0 AND calls)
);
INSERT INTO call_activity (user_id, bucket_start, calls, answered, busy, no_answer, voicemail,
                           failed, minutes, credits, lead_score_sum, scored_calls)
SELECT c.user_id, date_bin('15 minutes', c.created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
       count(*),
       count(*) FILTER (WHERE c.outcome = 'answered'),
       count(*) FILTER (WHERE c.outcome = 'busy'),
       count(*) FILTER (WHERE c.outcome = 'no-answer'),
       count(*) FILTER (WHERE c.outcome = 'voicemail'),
       count(*) FILTER (WHERE c.outcome = 'failed'),
       COALESCE(sum(c.duration_minutes), 0),
       COALESCE(sum(c.credits_used), 0),
       COALESCE(sum(l.total_score), 0),
       count(l.total_score)
FROM calls c
LEFT JOIN lead_analytics l ON l.call_id = c.id
WHERE c.status <> 'in_progress'
GROUP BY 1, 2;
--rollback DROP TABLE call_activity;

--changeset outdial:0034-add-calls-in-progress-index
-- Our own addition: a user's calls still going, which calls-per-day adds to call_activity.
CREATE INDEX idx_calls_user_in_progress ON calls (user_id, created_at) WHERE status = 'in_progress';
--rollback DROP INDEX idx_calls_user_in_progress;
