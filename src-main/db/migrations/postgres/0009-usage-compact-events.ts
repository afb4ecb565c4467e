/**
 * PostgreSQL form of 0009. PostgreSQL changes a column's type and drops a column in place, so
 * the tables are altered rather than rebuilt (their indexes follow); the import's number is given
 * in the order imports began, as SQLite's rowid gave it.
 */
export const usageCompactEventsPg = `
  ALTER TABLE usage_import ADD COLUMN seq BIGINT;
  UPDATE usage_import SET seq = n.seq
    FROM (SELECT id, row_number() OVER (ORDER BY started_at, id) AS seq FROM usage_import) n
    WHERE n.id = usage_import.id;
  CREATE UNIQUE INDEX usage_import_seq ON usage_import (seq);

  ALTER TABLE usage_event ADD COLUMN import_seq BIGINT;
  UPDATE usage_event SET import_seq = i.seq FROM usage_import i WHERE i.id = usage_event.import_id;
  ALTER TABLE usage_event
    ALTER COLUMN import_seq SET NOT NULL,
    ADD CONSTRAINT usage_event_import_seq_fkey FOREIGN KEY (import_seq) REFERENCES usage_import (seq),
    DROP COLUMN import_id,
    ALTER COLUMN ts TYPE BIGINT USING round(extract(epoch FROM ts::timestamptz) * 1000)::bigint;

  ALTER TABLE usage_staging
    ALTER COLUMN ts TYPE BIGINT USING round(extract(epoch FROM ts::timestamptz) * 1000)::bigint;
`
