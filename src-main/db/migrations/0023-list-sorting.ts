import type { Migration } from '../migrate'

/**
 * Event sync by pages (payments/event-cursor.ts): `event_cursor_id` is the newest Stripe event
 * applied, in Stripe's own order, so the next page is the events just after it (Stripe's
 * `ending_before`) and a sync that fails halfway keeps every page it applied.
 * `event_walk_id` is where the first sync of a ledger has come in its walk back from the newest
 * event to the oldest one to apply; NULL once that is known.
 */
export const listSorting: Migration = {
  id: 23,
  name: '0023-list-sorting',
  sql: `
    ALTER TABLE payment_sync ADD COLUMN event_cursor_id TEXT;
    ALTER TABLE payment_sync ADD COLUMN event_walk_id TEXT;
  `,
}
