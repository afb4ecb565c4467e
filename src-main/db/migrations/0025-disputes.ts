import type { Migration } from '../migrate'
import { disputesPg } from './postgres/0025-disputes'

/**
 * Disputes (issue 21, item 1): a customer contests an invoice or one of its lines, by hand or
 * through Stripe (whose dispute id is unique, so re-syncing an event finds the same row). The
 * amount is bounded here as everywhere (MAX_AMOUNT_MINOR); the status only moves forward and a
 * resolved dispute never changes, whatever writes the row. Each step is kept in dispute_step,
 * append-only like the audit.
 */
export const disputes: Migration = {
  id: 25,
  name: '0025-disputes',
  postgres: disputesPg,
  sql: `
    CREATE TABLE dispute (
      id                INTEGER PRIMARY KEY,
      invoice_id        INTEGER NOT NULL REFERENCES invoice (id),
      line_id           INTEGER REFERENCES invoice_line (id),
      source            TEXT    NOT NULL CHECK (source IN ('manual', 'stripe')),
      stripe_dispute_id TEXT    UNIQUE,
      reason            TEXT    NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      contact           TEXT    NOT NULL DEFAULT '' CHECK (length(contact) <= 300),
      currency          TEXT    NOT NULL,
      amount_minor      INTEGER NOT NULL CHECK (amount_minor BETWEEN 1 AND 10000000000000),
      deadline          TEXT    CHECK (deadline IS NULL OR deadline GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      status            TEXT    NOT NULL CHECK (status IN ('open', 'under_review', 'resolved')),
      resolution        TEXT    CHECK (resolution IN ('accepted', 'rejected')),
      credit_note_id    INTEGER REFERENCES credit_note (id),
      opened_at         TEXT    NOT NULL,
      opened_by         TEXT    NOT NULL,
      updated_at        TEXT    NOT NULL,
      resolved_at       TEXT,
      CHECK ((source = 'stripe') = (stripe_dispute_id IS NOT NULL)),
      CHECK ((status = 'resolved') = (resolution IS NOT NULL)),
      CHECK (credit_note_id IS NULL OR resolution = 'accepted')
    ) STRICT;
    CREATE INDEX dispute_invoice ON dispute (invoice_id, status);
    CREATE INDEX dispute_status ON dispute (status, opened_at);

    CREATE TRIGGER dispute_resolved_final BEFORE UPDATE ON dispute
      WHEN OLD.status = 'resolved'
      BEGIN SELECT RAISE(ABORT, 'a resolved dispute never changes'); END;
    CREATE TRIGGER dispute_status_forward BEFORE UPDATE OF status ON dispute
      WHEN OLD.status = 'under_review' AND NEW.status = 'open'
      BEGIN SELECT RAISE(ABORT, 'a dispute only moves forward'); END;
    CREATE TRIGGER dispute_kept BEFORE DELETE ON dispute
      BEGIN SELECT RAISE(ABORT, 'disputes cannot be deleted'); END;

    CREATE TABLE dispute_step (
      id         INTEGER PRIMARY KEY,
      dispute_id INTEGER NOT NULL REFERENCES dispute (id),
      at         TEXT    NOT NULL,
      operator   TEXT    NOT NULL,
      step       TEXT    NOT NULL CHECK (step IN ('opened', 'review', 'resolved', 'updated')),
      status     TEXT    NOT NULL CHECK (status IN ('open', 'under_review', 'resolved')),
      note       TEXT    NOT NULL CHECK (length(note) <= 2000)
    ) STRICT;
    CREATE INDEX dispute_step_dispute ON dispute_step (dispute_id, id);
    CREATE TRIGGER dispute_step_append_only_update BEFORE UPDATE ON dispute_step
      BEGIN SELECT RAISE(ABORT, 'dispute history is append-only'); END;
    CREATE TRIGGER dispute_step_append_only_delete BEFORE DELETE ON dispute_step
      BEGIN SELECT RAISE(ABORT, 'dispute history is append-only'); END;
  `,
}
