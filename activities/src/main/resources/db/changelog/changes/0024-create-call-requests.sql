--liquibase formatted sql

--changeset outdial:0024-create-call-requests
-- Our own addition: a one-off call the API accepted, kept until its workflow has ended. Temporal's
-- state can be lost (the embedded server keeps it in memory); an open request whose workflow is gone
-- is started again, for the attempt it had reached, so an accepted call is neither lost nor dialed
-- twice.
CREATE TABLE call_requests (
    workflow_id         VARCHAR(255) NOT NULL,
    user_id             UUID         NOT NULL,
    agent_id            UUID         NOT NULL,
    contact_id          UUID,
    phone_number        VARCHAR(50)  NOT NULL,
    user_data           JSONB        NOT NULL DEFAULT '{}',
    max_attempts        INTEGER      NOT NULL,
    retry_delay_seconds INTEGER      NOT NULL,
    ended_at            TIMESTAMPTZ,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT call_requests_pkey PRIMARY KEY (workflow_id),
    CONSTRAINT fk_call_requests__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_call_requests__agent_id_user_id FOREIGN KEY (agent_id, user_id) REFERENCES agents (id, user_id) ON DELETE CASCADE,
    CONSTRAINT fk_call_requests__contact_id FOREIGN KEY (contact_id) REFERENCES contacts (id) ON DELETE CASCADE
);
--rollback DROP TABLE call_requests;
