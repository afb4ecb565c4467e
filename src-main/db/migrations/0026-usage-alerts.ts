import type { Migration } from '../migrate'
import { usageAlertsPg } from './postgres/0026-usage-alerts'

/**
 * Usage alerts (issue 21, item 4): a customer's metric reached one of its thresholds in one
 * billing period. The unique index is what makes an alert fire once: re-importing a file, or more
 * usage past the same threshold, inserts nothing (INSERT ... ON CONFLICT DO NOTHING); a new period
 * has its own start, so it fires again. `used` and `limit_units` are decimal text as the meters
 * show them. `notified_at` stays NULL until the customer is told by email: the hook the mail area
 * picks unsent alerts up by (usage_alert_unnotified).
 */
export const usageAlerts: Migration = {
  id: 26,
  name: '0026-usage-alerts',
  postgres: usageAlertsPg,
  sql: `
    CREATE TABLE usage_alert (
      id              INTEGER PRIMARY KEY,
      customer_id     INTEGER NOT NULL REFERENCES customer (id),
      metric          TEXT    NOT NULL CHECK (length(metric) BETWEEN 1 AND 200),
      period_key      TEXT    NOT NULL CHECK (length(period_key) = 7),
      period_start    TEXT    NOT NULL,
      period_end      TEXT    NOT NULL CHECK (period_end > period_start),
      threshold       INTEGER NOT NULL CHECK (threshold BETWEEN 1 AND 1000),
      used            TEXT    NOT NULL,
      limit_units     TEXT    NOT NULL,
      fired_at        TEXT    NOT NULL,
      import_id       TEXT    REFERENCES usage_import (id),
      acknowledged_at TEXT,
      acknowledged_by TEXT,
      notified_at     TEXT
    ) STRICT;
    CREATE UNIQUE INDEX usage_alert_once
      ON usage_alert (customer_id, metric, period_start, threshold);
    CREATE INDEX usage_alert_fired ON usage_alert (fired_at);
    CREATE INDEX usage_alert_unnotified ON usage_alert (id) WHERE notified_at IS NULL;
  `,
}
