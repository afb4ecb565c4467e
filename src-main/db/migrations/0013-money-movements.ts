import type { Migration } from '../migrate'
import { moneyMovementsPg } from './postgres/0013-money-movements'

/**
 * Money movements named for what they do. A credit note paid back to the customer says how:
 * refunded through Stripe, or paid back outside Meterbook (nothing sent anywhere); before, one
 * "refund" meant either, depending on whether Stripe had collected the invoice. Notes written
 * before get the method that actually happened: Stripe when a refund was queued for them.
 *
 * The outbox learns `invoice.uncollectible` (a write-off reaches Stripe's copy). SQLite cannot
 * change a CHECK in place, so the table is rebuilt with its rows and ids; the failures that
 * reference it are re-linked by id before the transaction commits (foreign keys deferred).
 */
export const moneyMovements: Migration = {
  id: 13,
  name: '0013-money-movements',
  postgres: moneyMovementsPg,
  sql: `
    ALTER TABLE credit_note ADD COLUMN refund_method TEXT
      CHECK (refund_method IN ('stripe', 'outside'));
    DROP TRIGGER credit_note_immutable;
    UPDATE credit_note SET refund_method = CASE
        WHEN EXISTS (SELECT 1 FROM outbox o
          WHERE o.credit_note_id = credit_note.id AND o.operation = 'refund.create') THEN 'stripe'
        ELSE 'outside' END
      WHERE settlement = 'refund';
    CREATE TRIGGER credit_note_immutable BEFORE UPDATE ON credit_note
      BEGIN SELECT RAISE(ABORT, 'credit notes are immutable'); END;
    CREATE TRIGGER credit_note_refund_method BEFORE INSERT ON credit_note
      WHEN (NEW.settlement = 'refund') <> (NEW.refund_method IS NOT NULL)
      BEGIN SELECT RAISE(ABORT, 'a refund names its method (stripe or outside), nothing else does'); END;

    PRAGMA defer_foreign_keys = ON;
    CREATE TABLE outbox_rows AS SELECT * FROM outbox;
    DROP TABLE outbox;
    CREATE TABLE outbox (
      id              INTEGER PRIMARY KEY,
      operation       TEXT    NOT NULL CHECK (operation IN
        ('customer.sync', 'invoice.push', 'invoice.collect', 'invoice.settle', 'invoice.void',
         'invoice.uncollectible', 'refund.create')),
      customer_id     INTEGER NOT NULL REFERENCES customer (id),
      invoice_id      INTEGER REFERENCES invoice (id),
      credit_note_id  INTEGER REFERENCES credit_note (id),
      amount_minor    INTEGER,
      currency        TEXT,
      idempotency_key TEXT    NOT NULL UNIQUE,
      key_generation  INTEGER NOT NULL DEFAULT 0,
      status          TEXT    NOT NULL
        CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'canceled')),
      attempts        INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      claimed_by      TEXT,
      claimed_until   TEXT,
      result_json     TEXT,
      created_at      TEXT    NOT NULL,
      created_by      TEXT    NOT NULL,
      sent_at         TEXT
    ) STRICT;
    INSERT INTO outbox (id, operation, customer_id, invoice_id, credit_note_id, amount_minor,
        currency, idempotency_key, key_generation, status, attempts, next_attempt_at, claimed_by,
        claimed_until, result_json, created_at, created_by, sent_at)
      SELECT id, operation, customer_id, invoice_id, credit_note_id, amount_minor, currency,
        idempotency_key, key_generation, status, attempts, next_attempt_at, claimed_by,
        claimed_until, result_json, created_at, created_by, sent_at
      FROM outbox_rows ORDER BY id;
    DROP TABLE outbox_rows;
    CREATE INDEX outbox_status ON outbox (status, id);
    CREATE INDEX outbox_customer ON outbox (customer_id, status, id);
    CREATE INDEX outbox_invoice ON outbox (invoice_id);
  `,
}
