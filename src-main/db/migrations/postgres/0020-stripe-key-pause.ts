/** PostgreSQL form of 0020. */
export const stripeKeyPausePg = `
  ALTER TABLE payment_sync ADD COLUMN key_refused_hint TEXT;
  ALTER TABLE payment_sync ADD COLUMN key_refused_at TEXT;
`
