import type { Migration } from '../migrate'
import { runItemPeriodsPg } from './postgres/0010-run-item-periods'

/**
 * A billing run reports one item per period it billed, no longer one per subscription: catching up
 * after the app was closed across several slots bills a subscription's every ended period in one
 * run, oldest first. The key gains the period's start, and each item keeps its period's month
 * (`YYYY-MM`, business time zone), which rows written before this migration take from their
 * invoice when they have one. SQLite cannot change a primary key in place: the table is rebuilt.
 */
export const runItemPeriods: Migration = {
  id: 10,
  name: '0010-run-item-periods',
  postgres: runItemPeriodsPg,
  sql: `
    CREATE TABLE billing_run_item_by_period (
      run_id          TEXT    NOT NULL REFERENCES billing_run (id),
      subscription_id INTEGER NOT NULL,
      period          TEXT,
      period_start    TEXT    NOT NULL,
      period_end      TEXT    NOT NULL,
      outcome         TEXT    NOT NULL
        CHECK (outcome IN ('created', 'updated', 'unchanged', 'skipped', 'failed')),
      reason          TEXT,
      currency        TEXT    NOT NULL,
      total_minor     INTEGER NOT NULL,
      invoice_id      INTEGER,
      PRIMARY KEY (run_id, subscription_id, period_start)
    ) STRICT;
    INSERT INTO billing_run_item_by_period (run_id, subscription_id, period, period_start,
        period_end, outcome, reason, currency, total_minor, invoice_id)
      SELECT r.run_id, r.subscription_id, i.period, r.period_start, r.period_end, r.outcome,
        r.reason, r.currency, r.total_minor, r.invoice_id
      FROM billing_run_item r LEFT JOIN invoice i ON i.id = r.invoice_id;
    DROP TABLE billing_run_item;
    ALTER TABLE billing_run_item_by_period RENAME TO billing_run_item;
  `,
}
