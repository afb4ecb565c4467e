import type { Migration } from '../migrate'
import { mailPg } from './postgres/0027-mail'

/**
 * Sending invoices and reminders by email (mail/). `customer.billing_email` is where invoices go,
 * apart from the contact email; empty: nothing is sent to the customer.
 *
 * `mail_outbox` is the mail sibling of the Stripe outbox, with the same guarantees: a send is
 * recorded before it is delivered, keyed by (invoice, template, step) so a tick that runs twice
 * queues nothing twice, and carries a Message-ID derived from our own ids. `uncertain` is a send
 * the server may have accepted before the connection dropped: a reminder in that state waits for
 * a person rather than risk a second copy (mail/delivery.ts states the rule per template).
 */
export const mail: Migration = {
  id: 27,
  name: '0027-mail',
  postgres: mailPg,
  sql: `
    ALTER TABLE customer ADD COLUMN billing_email TEXT NOT NULL DEFAULT '';
    CREATE TABLE mail_outbox (
      id              INTEGER PRIMARY KEY,
      invoice_id      INTEGER REFERENCES invoice (id),
      customer_id     INTEGER REFERENCES customer (id),
      template        TEXT    NOT NULL CHECK (template IN
        ('invoice.issued', 'payment.due', 'payment.overdue', 'payment.failed')),
      -- Which send of the template: the day count of a reminder, the failure's id, or 0.
      step            TEXT    NOT NULL,
      message_id      TEXT    NOT NULL,
      recipient       TEXT    NOT NULL,
      subject         TEXT    NOT NULL,
      status          TEXT    NOT NULL
        CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'uncertain', 'canceled')),
      attempts        INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      claimed_by      TEXT,
      claimed_until   TEXT,
      last_error      TEXT,
      smtp_response   TEXT,
      created_at      TEXT    NOT NULL,
      created_by      TEXT    NOT NULL,
      sent_at         TEXT
    ) STRICT;
    CREATE UNIQUE INDEX mail_outbox_send ON mail_outbox (invoice_id, template, step);
    CREATE UNIQUE INDEX mail_outbox_message ON mail_outbox (message_id);
    CREATE INDEX mail_outbox_status ON mail_outbox (status, next_attempt_at, id);
  `,
}
