import type { Migration } from '../migrate'
import { paymentsPg } from './postgres/0006-payments'

/**
 * Payments: the link between our customers and invoices and Stripe's, the outbox that sends
 * operations to Stripe in order (idempotency keys derived from our ids), the failure records of
 * the retry queue with their append-only attempt history, and the events already applied.
 */
export const payments: Migration = {
  id: 6,
  name: '0006-payments',
  postgres: paymentsPg,
  sql: `
    CREATE TABLE stripe_customer (
      customer_id INTEGER PRIMARY KEY REFERENCES customer (id),
      stripe_id   TEXT    NOT NULL UNIQUE,
      -- As last seen in Stripe (a customer.updated event may change them there).
      email       TEXT,
      name        TEXT,
      synced_at   TEXT    NOT NULL
    ) STRICT;

    -- The Stripe side of a finalized invoice; the invoice row itself stays immutable.
    CREATE TABLE invoice_payment (
      invoice_id            INTEGER PRIMARY KEY REFERENCES invoice (id),
      stripe_invoice_id     TEXT    UNIQUE,
      stripe_status         TEXT,
      payment_intent        TEXT,
      amount_paid_minor     INTEGER NOT NULL DEFAULT 0,
      amount_refunded_minor INTEGER NOT NULL DEFAULT 0,
      disputed              INTEGER NOT NULL DEFAULT 0 CHECK (disputed IN (0, 1)),
      -- Invoice items created so far (by line position): a resumed push skips them.
      items_pushed          INTEGER NOT NULL DEFAULT 0,
      updated_at            TEXT    NOT NULL
    ) STRICT;

    CREATE TABLE outbox (
      id              INTEGER PRIMARY KEY,
      operation       TEXT    NOT NULL CHECK (operation IN
        ('customer.sync', 'invoice.push', 'invoice.collect', 'invoice.settle', 'invoice.void',
         'refund.create')),
      customer_id     INTEGER NOT NULL REFERENCES customer (id),
      invoice_id      INTEGER REFERENCES invoice (id),
      credit_note_id  INTEGER REFERENCES credit_note (id),
      amount_minor    INTEGER,
      currency        TEXT,
      -- Derived from our ids and the operation; queuing the same operation twice is a no-op.
      idempotency_key TEXT    NOT NULL UNIQUE,
      -- Bumped after an answer Stripe stores against the key (a decline), so a person's retry is
      -- a new request; never after a timeout, whose retry must replay the same key.
      key_generation  INTEGER NOT NULL DEFAULT 0,
      status          TEXT    NOT NULL
        CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'canceled')),
      attempts        INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      -- Who is sending it and until when: two processors never take the same operation.
      claimed_by      TEXT,
      claimed_until   TEXT,
      result_json     TEXT,
      created_at      TEXT    NOT NULL,
      created_by      TEXT    NOT NULL,
      sent_at         TEXT
    ) STRICT;
    CREATE INDEX outbox_status ON outbox (status, id);
    CREATE INDEX outbox_customer ON outbox (customer_id, status, id);
    CREATE INDEX outbox_invoice ON outbox (invoice_id);

    CREATE TABLE payment_failure (
      id              INTEGER PRIMARY KEY,
      operation       TEXT    NOT NULL,
      outbox_id       INTEGER UNIQUE REFERENCES outbox (id),
      customer_id     INTEGER REFERENCES customer (id),
      invoice_id      INTEGER REFERENCES invoice (id),
      amount_minor    INTEGER,
      currency        TEXT,
      -- The last attempt's error, as Stripe classified it.
      error_type      TEXT    NOT NULL,
      error_code      TEXT,
      decline_code    TEXT,
      request_id      TEXT,
      message         TEXT    NOT NULL,
      strategy        TEXT    NOT NULL
        CHECK (strategy IN ('exponential', 'immediate', 'fixed', 'manual')),
      -- The strategy a person chose (retries:act), which stands until an error retrying cannot
      -- fix; null while the classification decides.
      chosen_strategy TEXT
        CHECK (chosen_strategy IN ('exponential', 'immediate', 'fixed', 'manual')),
      attempts        INTEGER NOT NULL,
      max_attempts    INTEGER NOT NULL,
      next_attempt_at TEXT,
      -- A person asked for an attempt at the next processing (also of a manual record).
      retry_requested INTEGER NOT NULL DEFAULT 0 CHECK (retry_requested IN (0, 1)),
      snoozed_until   TEXT,
      status          TEXT    NOT NULL CHECK (status IN ('open', 'resolved', 'written_off')),
      claimed_by      TEXT,
      claimed_until   TEXT,
      context_json    TEXT    NOT NULL,
      created_at      TEXT    NOT NULL,
      updated_at      TEXT    NOT NULL,
      resolved_at     TEXT,
      resolved_by     TEXT,
      resolution_note TEXT
    ) STRICT;
    -- The queue's due scan, its filters and the report.
    CREATE INDEX payment_failure_due ON payment_failure (status, strategy, next_attempt_at);
    CREATE INDEX payment_failure_type ON payment_failure (status, error_type);
    CREATE INDEX payment_failure_created ON payment_failure (status, created_at);
    CREATE INDEX payment_failure_customer ON payment_failure (customer_id, status);
    CREATE INDEX payment_failure_invoice ON payment_failure (invoice_id, status);

    CREATE TABLE payment_attempt (
      id           INTEGER PRIMARY KEY,
      failure_id   INTEGER NOT NULL REFERENCES payment_failure (id),
      number       INTEGER NOT NULL,
      at           TEXT    NOT NULL,
      outcome      TEXT    NOT NULL CHECK (outcome IN ('failed', 'succeeded')),
      error_type   TEXT,
      error_code   TEXT,
      decline_code TEXT,
      request_id   TEXT,
      http_status  INTEGER,
      message      TEXT,
      strategy     TEXT    NOT NULL,
      next_attempt_at TEXT,
      operator     TEXT    NOT NULL,
      UNIQUE (failure_id, number)
    ) STRICT;
    CREATE TRIGGER payment_attempt_append_only_update BEFORE UPDATE ON payment_attempt
    BEGIN SELECT RAISE(ABORT, 'payment attempts are append-only'); END;
    CREATE TRIGGER payment_attempt_append_only_delete BEFORE DELETE ON payment_attempt
    BEGIN SELECT RAISE(ABORT, 'payment attempts are append-only'); END;

    -- Stripe events already applied: each is applied exactly once.
    CREATE TABLE stripe_event (
      id         TEXT    PRIMARY KEY,
      type       TEXT    NOT NULL,
      created    INTEGER NOT NULL,
      applied_at TEXT    NOT NULL,
      outcome    TEXT    NOT NULL
    ) STRICT;

    -- This ledger's identity in idempotency keys (two ledgers on one Stripe account never
    -- collide), the event cursor and the last sync's outcome.
    CREATE TABLE payment_sync (
      id             INTEGER PRIMARY KEY CHECK (id = 1),
      ledger_id      TEXT    NOT NULL,
      cursor_created INTEGER NOT NULL,
      last_sync_at   TEXT,
      last_error     TEXT
    ) STRICT;
    INSERT INTO payment_sync (id, ledger_id, cursor_created)
    VALUES (1, lower(hex(randomblob(6))), 0);
  `,
}
