import type { Migration } from '../migrate'

/**
 * Usage events stored in the order billing reads them. The table becomes WITHOUT ROWID,
 * clustered on (customer_id, metric, ts, event_id): a customer's usage for a period is one
 * primary-key range, covering every column, and an import maintains two b-trees per event (the
 * table and the event id index) where it maintained four (the rowid table, the event id key,
 * the (customer_id, metric, ts) index and the ts index). The ts index goes: the explorer's
 * date-only views read the table instead, and the billing run seeks customer by customer.
 * Every row is copied, in the new key's order so the copy appends.
 */
export const usageLayout: Migration = {
  id: 4,
  name: '0004-usage-layout',
  sql: `
    CREATE TABLE usage_event_clustered (
      event_id        TEXT    NOT NULL,
      customer_id     INTEGER NOT NULL REFERENCES customer (id),
      metric          TEXT    NOT NULL,
      quantity_micros INTEGER NOT NULL CHECK (quantity_micros >= 0),
      ts              TEXT    NOT NULL,
      import_id       TEXT    NOT NULL REFERENCES usage_import (id),
      late            INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
      properties_json TEXT,
      PRIMARY KEY (customer_id, metric, ts, event_id)
    ) STRICT, WITHOUT ROWID;

    INSERT INTO usage_event_clustered (event_id, customer_id, metric, quantity_micros, ts,
      import_id, late, properties_json)
    SELECT event_id, customer_id, metric, quantity_micros, ts, import_id, late, properties_json
    FROM usage_event ORDER BY customer_id, metric, ts, event_id;

    DROP TABLE usage_event;
    ALTER TABLE usage_event_clustered RENAME TO usage_event;
    -- Imports are idempotent by event id: this is what finds an id already stored.
    CREATE UNIQUE INDEX usage_event_event_id ON usage_event (event_id);
  `,
}
