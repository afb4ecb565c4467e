/**
 * PostgreSQL form of 0012. PostgreSQL 15 has no `IS JSON`: the cast to jsonb refuses text that is
 * not JSON. The SQLite migration also froze the documents issued before it; a PostgreSQL ledger
 * is always migrated to the current schema while still empty (db/postgres/migrate.ts runs every
 * migration before anything writes, and `ledger copy` copies only after that), so there is
 * nothing to freeze here and that backfill has no PostgreSQL form.
 */
export const documentSnapshotsPg = `
  CREATE TABLE invoice_snapshot (
    invoice_id    BIGINT PRIMARY KEY REFERENCES invoice (id),
    snapshot_json TEXT   NOT NULL CHECK (snapshot_json::jsonb IS NOT NULL),
    taken_at      TEXT   NOT NULL
  );
  CREATE TABLE credit_note_snapshot (
    credit_note_id BIGINT PRIMARY KEY REFERENCES credit_note (id),
    snapshot_json  TEXT   NOT NULL CHECK (snapshot_json::jsonb IS NOT NULL),
    taken_at       TEXT   NOT NULL
  );

  CREATE TRIGGER invoice_snapshot_immutable BEFORE UPDATE ON invoice_snapshot FOR EACH ROW
    EXECUTE FUNCTION meterbook_refuse('issued documents are immutable');
  CREATE TRIGGER invoice_snapshot_kept BEFORE DELETE ON invoice_snapshot FOR EACH ROW
    EXECUTE FUNCTION meterbook_refuse('issued documents are immutable');
  CREATE TRIGGER credit_note_snapshot_immutable BEFORE UPDATE ON credit_note_snapshot FOR EACH ROW
    EXECUTE FUNCTION meterbook_refuse('issued documents are immutable');
  CREATE TRIGGER credit_note_snapshot_kept BEFORE DELETE ON credit_note_snapshot FOR EACH ROW
    EXECUTE FUNCTION meterbook_refuse('issued documents are immutable');

  CREATE FUNCTION meterbook_invoice_snapshot_issued_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF (SELECT status FROM invoice WHERE id = NEW.invoice_id) = 'draft' THEN
      RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation',
        MESSAGE = 'a draft has no snapshot: finalize it first';
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER invoice_snapshot_issued_only BEFORE INSERT ON invoice_snapshot FOR EACH ROW
    EXECUTE FUNCTION meterbook_invoice_snapshot_issued_only();
`
