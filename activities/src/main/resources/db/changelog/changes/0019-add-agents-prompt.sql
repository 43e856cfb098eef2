--liquibase formatted sql

--changeset outdial:0019-add-agents-prompt
-- Our own addition: the welcome message and system prompt the user gave the agent, so an update
-- can send Bolna the whole agent again and the dashboard can show what the agent says.
ALTER TABLE agents ADD COLUMN welcome_message TEXT;
ALTER TABLE agents ADD COLUMN prompt TEXT;
--rollback ALTER TABLE agents DROP COLUMN prompt;
--rollback ALTER TABLE agents DROP COLUMN welcome_message;
