import type { Migration } from '../migrate'
import { transitionCausePg } from './postgres/0008-transition-cause'

/**
 * Which automation moved a subscription to past_due, as data: `overdue` (an invoice passed its
 * due date, subscriptions/lifecycle.ts) or `dunning` (a collection failed for good,
 * retries/dunning.ts); NULL for a person's change and every other transition. Payment lifts
 * only what automation imposed, and was told so by matching the reason's wording, which a person
 * could type too. Rows written before this migration get their cause from that wording, once.
 */
export const transitionCause: Migration = {
  id: 8,
  name: '0008-transition-cause',
  postgres: transitionCausePg,
  sql: `
    ALTER TABLE subscription_transition ADD COLUMN cause TEXT
      CHECK (cause IN ('overdue', 'dunning'));
    UPDATE subscription_transition SET cause = 'overdue'
      WHERE to_status = 'past_due' AND reason GLOB 'Invoice * overdue';
    UPDATE subscription_transition SET cause = 'dunning'
      WHERE to_status = 'past_due' AND reason GLOB 'Payment failed for invoice *';
  `,
}
