--liquibase formatted sql

--changeset outdial:0028-create-kpi-changes splitStatements:false
-- Our own addition: a note that something user_kpi counts has changed, one row per statement that
-- changed it, written by triggers so no writer has to remember. The KPI refresher refreshes the
-- materialized view only when notes are waiting, and then deletes the ones it saw. Appending
-- never contends, unlike a flag row every writer would update.
CREATE TABLE kpi_changes (
    id         BIGSERIAL   NOT NULL,
    table_name VARCHAR(50) NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT kpi_changes_pkey PRIMARY KEY (id)
);
CREATE FUNCTION note_kpi_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO kpi_changes (table_name) VALUES (TG_TABLE_NAME);
    RETURN NULL;
END;
$$;
-- A call counts once it exists, ends or is billed; its lifecycle timestamps do not move a KPI.
CREATE TRIGGER trg_calls__note_kpi_change
    AFTER INSERT OR DELETE OR UPDATE OF status, credits_used, duration_seconds ON calls
    FOR EACH STATEMENT EXECUTE FUNCTION note_kpi_change();
CREATE TRIGGER trg_agents__note_kpi_change
    AFTER INSERT OR DELETE ON agents FOR EACH STATEMENT EXECUTE FUNCTION note_kpi_change();
CREATE TRIGGER trg_contacts__note_kpi_change
    AFTER INSERT OR DELETE ON contacts FOR EACH STATEMENT EXECUTE FUNCTION note_kpi_change();
CREATE TRIGGER trg_users__note_kpi_change
    AFTER INSERT OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION note_kpi_change();
--rollback DROP TRIGGER trg_users__note_kpi_change ON users; DROP TRIGGER trg_contacts__note_kpi_change ON contacts; DROP TRIGGER trg_agents__note_kpi_change ON agents; DROP TRIGGER trg_calls__note_kpi_change ON calls; DROP FUNCTION note_kpi_change(); DROP TABLE kpi_changes;
