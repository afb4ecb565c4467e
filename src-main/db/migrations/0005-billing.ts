import type { Migration } from '../migrate'
import { billingPg } from './postgres/0005-billing'

/**
 * Billing: the subscription lifecycle, billing runs, invoices and their lines, credit notes, the
 * prepaid credit ledger and discounts. Finalized money rows are never updated in place: triggers
 * refuse it, and corrections are new rows (credit notes, credit entries, adjustment lines).
 */
export const billing: Migration = {
  id: 5,
  name: '0005-billing',
  postgres: billingPg,
  sql: `
    ALTER TABLE subscription ADD COLUMN status_since TEXT;
    -- A cancellation at period end waits here until the period ends.
    ALTER TABLE subscription ADD COLUMN cancel_at TEXT;
    ALTER TABLE subscription ADD COLUMN canceled_at TEXT;

    CREATE TABLE subscription_transition (
      id              INTEGER PRIMARY KEY,
      subscription_id INTEGER NOT NULL REFERENCES subscription (id),
      from_status     TEXT,
      to_status       TEXT    NOT NULL,
      at              TEXT    NOT NULL,
      reason          TEXT    NOT NULL,
      operator        TEXT    NOT NULL
    ) STRICT;
    CREATE INDEX subscription_transition_subscription ON subscription_transition (subscription_id, at);

    -- Plan changes: the period they fall in is prorated by days between the two versions.
    CREATE TABLE subscription_change (
      id              INTEGER PRIMARY KEY,
      subscription_id INTEGER NOT NULL REFERENCES subscription (id),
      effective_at    TEXT    NOT NULL,
      from_plan_id    TEXT    NOT NULL,
      from_version    INTEGER NOT NULL,
      to_plan_id      TEXT    NOT NULL,
      to_version      INTEGER NOT NULL,
      operator        TEXT    NOT NULL,
      at              TEXT    NOT NULL,
      FOREIGN KEY (from_plan_id, from_version) REFERENCES plan_version (plan_id, version),
      FOREIGN KEY (to_plan_id, to_version) REFERENCES plan_version (plan_id, version)
    ) STRICT;
    CREATE INDEX subscription_change_subscription ON subscription_change (subscription_id, effective_at);

    CREATE TABLE billing_run (
      id           TEXT    PRIMARY KEY,
      period       TEXT,
      dry_run      INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
      status       TEXT    NOT NULL
        CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
      trigger      TEXT    NOT NULL CHECK (trigger IN ('manual', 'schedule', 'cli')),
      operator     TEXT    NOT NULL,
      started_at   TEXT    NOT NULL,
      finished_at  TEXT,
      duration_ms  INTEGER,
      subscriptions INTEGER NOT NULL DEFAULT 0,
      invoices     INTEGER NOT NULL DEFAULT 0,
      created      INTEGER NOT NULL DEFAULT 0,
      updated      INTEGER NOT NULL DEFAULT 0,
      skipped      INTEGER NOT NULL DEFAULT 0,
      failed       INTEGER NOT NULL DEFAULT 0,
      totals_json  TEXT    NOT NULL DEFAULT '{}',
      error        TEXT
    ) STRICT;
    CREATE INDEX billing_run_started ON billing_run (started_at);

    CREATE TABLE billing_run_item (
      run_id          TEXT    NOT NULL REFERENCES billing_run (id),
      subscription_id INTEGER NOT NULL,
      period_start    TEXT    NOT NULL,
      period_end      TEXT    NOT NULL,
      outcome         TEXT    NOT NULL
        CHECK (outcome IN ('created', 'updated', 'unchanged', 'skipped', 'failed')),
      reason          TEXT,
      currency        TEXT    NOT NULL,
      total_minor     INTEGER NOT NULL,
      invoice_id      INTEGER,
      PRIMARY KEY (run_id, subscription_id)
    ) STRICT;

    -- One run at a time, across every process sharing the ledger. A holder refreshes its
    -- heartbeat; a lock whose heartbeat is stale belonged to a process that died.
    CREATE TABLE ledger_lock (
      name         TEXT PRIMARY KEY,
      holder       TEXT NOT NULL,
      acquired_at  TEXT NOT NULL,
      heartbeat_at TEXT NOT NULL
    ) STRICT;

    -- What the in-app scheduler last did, so a missed run is caught up at the next start.
    CREATE TABLE schedule_state (
      name        TEXT PRIMARY KEY,
      last_slot   TEXT NOT NULL,
      last_run_id TEXT,
      updated_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE invoice (
      id               INTEGER PRIMARY KEY,
      subscription_id  INTEGER NOT NULL REFERENCES subscription (id),
      customer_id      INTEGER NOT NULL REFERENCES customer (id),
      period           TEXT    NOT NULL,
      period_start     TEXT    NOT NULL,
      period_end       TEXT    NOT NULL,
      currency         TEXT    NOT NULL,
      status           TEXT    NOT NULL
        CHECK (status IN ('draft', 'finalized', 'paid', 'void', 'uncollectible')),
      number           TEXT    UNIQUE,
      subtotal_minor   INTEGER NOT NULL,
      discount_minor   INTEGER NOT NULL,
      credit_minor     INTEGER NOT NULL,
      tax_minor        INTEGER NOT NULL,
      total_minor      INTEGER NOT NULL,
      tax_json         TEXT,
      tax_exempt       INTEGER NOT NULL DEFAULT 0 CHECK (tax_exempt IN (0, 1)),
      notes_json       TEXT    NOT NULL DEFAULT '[]',
      -- A digest of what the draft was computed from: a re-run that changes nothing writes nothing.
      fingerprint      TEXT    NOT NULL,
      run_id           TEXT,
      due_date         TEXT,
      issued_at        TEXT,
      finalized_at     TEXT,
      finalized_by     TEXT,
      paid_at          TEXT,
      voided_at        TEXT,
      created_at       TEXT    NOT NULL,
      updated_at       TEXT    NOT NULL,
      CHECK (total_minor = subtotal_minor - discount_minor - credit_minor + tax_minor),
      CHECK ((status = 'draft') = (number IS NULL)),
      UNIQUE (subscription_id, period_start)
    ) STRICT;
    CREATE INDEX invoice_period_status ON invoice (period, status);
    CREATE INDEX invoice_status_created ON invoice (status, created_at);
    CREATE INDEX invoice_customer_period ON invoice (customer_id, period_start);

    CREATE TABLE invoice_line (
      id             INTEGER PRIMARY KEY,
      invoice_id     INTEGER NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,
      position       INTEGER NOT NULL,
      kind           TEXT    NOT NULL
        CHECK (kind IN ('base', 'proration', 'usage', 'adjustment', 'minimum', 'manual')),
      feature_code   TEXT,
      description    TEXT    NOT NULL,
      quantity       TEXT    NOT NULL,
      unit           TEXT,
      unit_amount    TEXT,
      amount_minor   INTEGER NOT NULL,
      breakdown_json TEXT    NOT NULL DEFAULT '[]',
      -- For usage and adjustment lines: the usage accounted for, before included units; what a
      -- late event's adjustment compares the period's usage with.
      usage_quantity TEXT,
      -- The period the line bills: an adjustment bills an earlier, finalized one.
      period_start   TEXT    NOT NULL,
      period_end     TEXT    NOT NULL,
      UNIQUE (invoice_id, position)
    ) STRICT;

    CREATE TABLE invoice_discount (
      invoice_id   INTEGER NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,
      discount_id  INTEGER NOT NULL,
      description  TEXT    NOT NULL,
      amount_minor INTEGER NOT NULL,
      PRIMARY KEY (invoice_id, discount_id)
    ) STRICT;
    CREATE INDEX invoice_discount_discount ON invoice_discount (discount_id);

    -- Gapless numbering: the next number of a series is taken in the finalizing transaction.
    CREATE TABLE number_sequence (
      series TEXT    PRIMARY KEY,
      last   INTEGER NOT NULL
    ) STRICT;

    CREATE TRIGGER invoice_finalized_immutable
      BEFORE UPDATE ON invoice WHEN OLD.status <> 'draft' AND (
        NEW.subtotal_minor IS NOT OLD.subtotal_minor OR NEW.discount_minor IS NOT OLD.discount_minor
        OR NEW.credit_minor IS NOT OLD.credit_minor OR NEW.tax_minor IS NOT OLD.tax_minor
        OR NEW.total_minor IS NOT OLD.total_minor OR NEW.number IS NOT OLD.number
        OR NEW.currency IS NOT OLD.currency OR NEW.customer_id IS NOT OLD.customer_id
        OR NEW.period_start IS NOT OLD.period_start OR NEW.period_end IS NOT OLD.period_end
        OR NEW.status = 'draft' OR OLD.status = 'void')
      BEGIN SELECT RAISE(ABORT, 'finalized invoices are immutable: issue a credit note'); END;
    CREATE TRIGGER invoice_finalized_kept
      BEFORE DELETE ON invoice WHEN OLD.status <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'finalized invoices cannot be deleted'); END;
    CREATE TRIGGER invoice_line_insert_draft_only
      BEFORE INSERT ON invoice_line
      WHEN (SELECT status FROM invoice WHERE id = NEW.invoice_id) <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'finalized invoices are immutable: issue a credit note'); END;
    CREATE TRIGGER invoice_line_update_draft_only
      BEFORE UPDATE ON invoice_line
      WHEN (SELECT status FROM invoice WHERE id = OLD.invoice_id) <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'finalized invoices are immutable: issue a credit note'); END;
    CREATE TRIGGER invoice_line_delete_draft_only
      BEFORE DELETE ON invoice_line
      WHEN (SELECT status FROM invoice WHERE id = OLD.invoice_id) <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'finalized invoices are immutable: issue a credit note'); END;

    CREATE TABLE credit_note (
      id            INTEGER PRIMARY KEY,
      invoice_id    INTEGER NOT NULL REFERENCES invoice (id),
      number        TEXT    NOT NULL UNIQUE,
      currency      TEXT    NOT NULL,
      reason        TEXT    NOT NULL,
      subtotal_minor INTEGER NOT NULL CHECK (subtotal_minor > 0),
      tax_minor     INTEGER NOT NULL CHECK (tax_minor >= 0),
      total_minor   INTEGER NOT NULL,
      settlement    TEXT    NOT NULL CHECK (settlement IN ('credit_balance', 'refund')),
      created_at    TEXT    NOT NULL,
      created_by    TEXT    NOT NULL,
      CHECK (total_minor = subtotal_minor + tax_minor)
    ) STRICT;
    CREATE INDEX credit_note_invoice ON credit_note (invoice_id);

    CREATE TABLE credit_note_line (
      credit_note_id INTEGER NOT NULL REFERENCES credit_note (id),
      position       INTEGER NOT NULL,
      description    TEXT    NOT NULL,
      amount_minor   INTEGER NOT NULL CHECK (amount_minor > 0),
      PRIMARY KEY (credit_note_id, position)
    ) STRICT;

    CREATE TRIGGER credit_note_immutable BEFORE UPDATE ON credit_note
      BEGIN SELECT RAISE(ABORT, 'credit notes are immutable'); END;
    CREATE TRIGGER credit_note_kept BEFORE DELETE ON credit_note
      BEGIN SELECT RAISE(ABORT, 'credit notes cannot be deleted'); END;
    CREATE TRIGGER credit_note_line_immutable BEFORE UPDATE ON credit_note_line
      BEGIN SELECT RAISE(ABORT, 'credit notes are immutable'); END;
    CREATE TRIGGER credit_note_line_kept BEFORE DELETE ON credit_note_line
      BEGIN SELECT RAISE(ABORT, 'credit notes cannot be deleted'); END;

    -- The prepaid credit ledger: append-only, the balance is the sum.
    CREATE TABLE credit_entry (
      id             INTEGER PRIMARY KEY,
      customer_id    INTEGER NOT NULL REFERENCES customer (id),
      currency       TEXT    NOT NULL,
      kind           TEXT    NOT NULL
        CHECK (kind IN ('grant', 'consume', 'expire', 'refund', 'restore')),
      amount_minor   INTEGER NOT NULL,
      expires_at     TEXT,
      invoice_id     INTEGER REFERENCES invoice (id),
      credit_note_id INTEGER REFERENCES credit_note (id),
      note           TEXT    NOT NULL DEFAULT '',
      at             TEXT    NOT NULL,
      operator       TEXT    NOT NULL,
      CHECK ((kind IN ('grant', 'restore')) = (amount_minor > 0))
    ) STRICT;
    CREATE INDEX credit_entry_customer ON credit_entry (customer_id, currency, id);
    CREATE TRIGGER credit_entry_append_only BEFORE UPDATE ON credit_entry
      BEGIN SELECT RAISE(ABORT, 'the credit ledger is append-only'); END;
    CREATE TRIGGER credit_entry_kept BEFORE DELETE ON credit_entry
      BEGIN SELECT RAISE(ABORT, 'the credit ledger is append-only'); END;

    CREATE TABLE discount (
      id          INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customer (id),
      description TEXT    NOT NULL,
      kind        TEXT    NOT NULL CHECK (kind IN ('percent', 'fixed')),
      value       TEXT    NOT NULL,
      duration    TEXT    NOT NULL CHECK (duration IN ('once', 'repeating', 'forever')),
      periods     INTEGER,
      starts_with TEXT    NOT NULL,
      active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at  TEXT    NOT NULL
    ) STRICT;
    CREATE INDEX discount_customer ON discount (customer_id);

    -- Late usage is rare: a partial index finds it without touching the rest.
    CREATE INDEX usage_event_late ON usage_event (customer_id, metric, ts) WHERE late = 1;
  `,
}
