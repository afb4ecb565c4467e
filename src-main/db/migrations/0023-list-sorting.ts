import type { Migration } from '../migrate'
import { listSortingPg } from './postgres/0023-list-sorting'

/**
 * Lists sorted on the server (invoices/invoice-list.ts): an index per sort column, whose entries
 * end with the row id, so a sort with the id as tie-breaker walks the index, in either direction,
 * with no sort of the table (tests/integration/list-sorting-plans.test.ts).
 *
 * Event sync by pages (payments/event-cursor.ts): `event_cursor_id` is the newest Stripe event
 * applied, in Stripe's own order, so the next page is the events just after it (Stripe's
 * `ending_before`) and a sync that fails halfway keeps every page it applied.
 * `event_walk_id` is where the first sync of a ledger has come in its walk back from the newest
 * event to the oldest one to apply; NULL once that is known.
 */
export const listSorting: Migration = {
  id: 23,
  name: '0023-list-sorting',
  postgres: listSortingPg,
  sql: `
    ALTER TABLE payment_sync ADD COLUMN event_cursor_id TEXT;
    ALTER TABLE payment_sync ADD COLUMN event_walk_id TEXT;
    CREATE INDEX invoice_sort_issued ON invoice (issued_at);
    CREATE INDEX invoice_sort_due ON invoice (due_date);
    CREATE INDEX invoice_sort_amount ON invoice (total_minor);
    CREATE INDEX invoice_sort_status ON invoice (status);
  `,
}
