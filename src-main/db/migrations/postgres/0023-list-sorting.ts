/** PostgreSQL form of 0023: the same columns and indexes. */
export const listSortingPg = `
  ALTER TABLE payment_sync ADD COLUMN event_cursor_id TEXT;
  ALTER TABLE payment_sync ADD COLUMN event_walk_id TEXT;
  CREATE INDEX invoice_sort_issued ON invoice (issued_at);
  CREATE INDEX invoice_sort_due ON invoice (due_date);
  CREATE INDEX invoice_sort_amount ON invoice (total_minor);
  CREATE INDEX invoice_sort_status ON invoice (status);
`
