/** PostgreSQL form of 0008: LIKE stands in for SQLite's GLOB (same patterns, `%` for `*`). */
export const transitionCausePg = `
  ALTER TABLE subscription_transition ADD COLUMN cause TEXT
    CHECK (cause IN ('overdue', 'dunning'));
  UPDATE subscription_transition SET cause = 'overdue'
    WHERE to_status = 'past_due' AND reason LIKE 'Invoice % overdue';
  UPDATE subscription_transition SET cause = 'dunning'
    WHERE to_status = 'past_due' AND reason LIKE 'Payment failed for invoice %';
`
