import type { Migration } from '../migrate'
import { customersUsagePg } from './postgres/0003-customers-usage'

/**
 * Customers with their subscription, and metered usage. Quantities are stored as exact integers
 * of millionths (`quantity_micros`), so sums in SQL are exact; usage events are keyed by their own
 * event id, which makes every import idempotent.
 */
export const customersUsage: Migration = {
  id: 3,
  name: '0003-customers-usage',
  postgres: customersUsagePg,
  sql: `
    CREATE TABLE customer (
      id              INTEGER PRIMARY KEY,
      external_id     TEXT    NOT NULL UNIQUE,
      name            TEXT    NOT NULL,
      email           TEXT    NOT NULL DEFAULT '',
      currency        TEXT    NOT NULL,
      billing_address TEXT    NOT NULL DEFAULT '',
      tax_region      TEXT    NOT NULL DEFAULT '',
      tax_exempt      INTEGER NOT NULL DEFAULT 0 CHECK (tax_exempt IN (0, 1)),
      notes           TEXT    NOT NULL DEFAULT '',
      overrides_json  TEXT    NOT NULL DEFAULT '[]',
      created_at      TEXT    NOT NULL,
      updated_at      TEXT    NOT NULL
    ) STRICT;
    CREATE INDEX customer_name ON customer (name);

    CREATE TABLE subscription (
      id                 INTEGER PRIMARY KEY,
      customer_id        INTEGER NOT NULL REFERENCES customer (id),
      plan_id            TEXT    NOT NULL,
      plan_version       INTEGER NOT NULL,
      start_date         TEXT    NOT NULL,
      billing_anchor_day INTEGER NOT NULL CHECK (billing_anchor_day BETWEEN 1 AND 31),
      trial_end          TEXT,
      status             TEXT    NOT NULL
        CHECK (status IN ('trialing', 'active', 'past_due', 'suspended', 'canceled')),
      -- The end of the last period whose invoice is finalized: usage before it is late.
      billed_through     TEXT,
      FOREIGN KEY (plan_id, plan_version) REFERENCES plan_version (plan_id, version)
    ) STRICT;
    CREATE UNIQUE INDEX subscription_customer ON subscription (customer_id);

    CREATE TABLE usage_import (
      id           TEXT    PRIMARY KEY,
      file_name    TEXT    NOT NULL,
      format       TEXT    NOT NULL CHECK (format IN ('csv', 'jsonl')),
      policy       TEXT    NOT NULL CHECK (policy IN ('keep_valid', 'all_or_nothing')),
      status       TEXT    NOT NULL
        CHECK (status IN ('running', 'completed', 'cancelled', 'refused', 'interrupted')),
      mapping_json TEXT    NOT NULL,
      operator     TEXT    NOT NULL,
      started_at   TEXT    NOT NULL,
      finished_at  TEXT,
      read         INTEGER NOT NULL DEFAULT 0,
      imported     INTEGER NOT NULL DEFAULT 0,
      duplicates   INTEGER NOT NULL DEFAULT 0,
      rejected     INTEGER NOT NULL DEFAULT 0,
      late         INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX usage_import_started ON usage_import (started_at);

    CREATE TABLE usage_event (
      event_id        TEXT    PRIMARY KEY,
      customer_id     INTEGER NOT NULL REFERENCES customer (id),
      metric          TEXT    NOT NULL,
      quantity_micros INTEGER NOT NULL CHECK (quantity_micros >= 0),
      ts              TEXT    NOT NULL,
      import_id       TEXT    NOT NULL REFERENCES usage_import (id),
      late            INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
      properties_json TEXT
    ) STRICT;
    CREATE INDEX usage_event_customer_metric_ts ON usage_event (customer_id, metric, ts);
    CREATE INDEX usage_event_ts ON usage_event (ts);

    -- All-or-nothing imports collect their rows here and move them in one transaction at the end.
    CREATE TABLE usage_staging (
      import_id       TEXT    NOT NULL REFERENCES usage_import (id),
      event_id        TEXT    NOT NULL,
      customer_id     INTEGER NOT NULL,
      metric          TEXT    NOT NULL,
      quantity_micros INTEGER NOT NULL,
      ts              TEXT    NOT NULL,
      late            INTEGER NOT NULL,
      properties_json TEXT,
      row_number      INTEGER NOT NULL,
      raw             TEXT    NOT NULL,
      PRIMARY KEY (import_id, event_id)
    ) STRICT;

    CREATE TABLE usage_reject (
      import_id  TEXT    NOT NULL REFERENCES usage_import (id),
      row_number INTEGER NOT NULL,
      column     TEXT,
      value      TEXT,
      reason     TEXT    NOT NULL,
      raw        TEXT    NOT NULL,
      PRIMARY KEY (import_id, row_number)
    ) STRICT;
  `,
}
