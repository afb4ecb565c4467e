import type { Migration } from '../migrate'
import { usageCompactEventsPg } from './postgres/0009-usage-compact-events'

/**
 * Usage events in half the bytes: the instant as milliseconds since 1970 UTC instead of 24
 * characters of text, and the import as its number (`usage_import.seq`, new here) instead of its
 * 36-character id. Every byte of an event is written to the table and its indexes, then again
 * by the WAL checkpoint; a million-event import writes about 90 MB less. Instants become ISO 8601
 * text only where they leave the ledger. The table is rebuilt with the same rowids, so the
 * explorer's order and everything keyed on them stay as they were; staged rows are converted too.
 */
export const usageCompactEvents: Migration = {
  id: 9,
  name: '0009-usage-compact-events',
  postgres: usageCompactEventsPg,
  sql: `
    ALTER TABLE usage_import ADD COLUMN seq INTEGER;
    UPDATE usage_import SET seq = rowid;
    CREATE UNIQUE INDEX usage_import_seq ON usage_import (seq);

    CREATE TABLE usage_event_compact (
      event_id        TEXT    PRIMARY KEY,
      customer_id     INTEGER NOT NULL REFERENCES customer (id),
      metric          TEXT    NOT NULL,
      quantity_micros INTEGER NOT NULL CHECK (quantity_micros >= 0),
      ts              INTEGER NOT NULL,
      import_seq      INTEGER NOT NULL REFERENCES usage_import (seq),
      late            INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
      properties_json TEXT
    ) STRICT;
    INSERT INTO usage_event_compact (rowid, event_id, customer_id, metric, quantity_micros, ts,
      import_seq, late, properties_json)
    SELECT e.rowid, e.event_id, e.customer_id, e.metric, e.quantity_micros,
      CAST(round(unixepoch(e.ts, 'subsec') * 1000) AS INTEGER), i.seq, e.late, e.properties_json
    FROM usage_event e LEFT JOIN usage_import i ON i.id = e.import_id ORDER BY e.rowid;
    DROP TABLE usage_event;
    ALTER TABLE usage_event_compact RENAME TO usage_event;
    CREATE INDEX usage_event_customer_metric_ts ON usage_event (customer_id, metric, ts, quantity_micros);
    CREATE INDEX usage_event_ts ON usage_event (ts);
    CREATE INDEX usage_event_late ON usage_event (customer_id, metric, ts) WHERE late = 1;

    CREATE TABLE usage_staging_compact (
      import_id       TEXT    NOT NULL REFERENCES usage_import (id),
      event_id        TEXT    NOT NULL,
      customer_id     INTEGER NOT NULL,
      metric          TEXT    NOT NULL,
      quantity_micros INTEGER NOT NULL,
      ts              INTEGER NOT NULL,
      late            INTEGER NOT NULL,
      properties_json TEXT,
      row_number      INTEGER NOT NULL,
      raw             TEXT    NOT NULL,
      PRIMARY KEY (import_id, event_id)
    ) STRICT;
    INSERT INTO usage_staging_compact
    SELECT import_id, event_id, customer_id, metric, quantity_micros,
      CAST(round(unixepoch(ts, 'subsec') * 1000) AS INTEGER), late, properties_json, row_number, raw
    FROM usage_staging;
    DROP TABLE usage_staging;
    ALTER TABLE usage_staging_compact RENAME TO usage_staging;
  `,
}
