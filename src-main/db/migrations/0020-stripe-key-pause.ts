import type { Migration } from '../migrate'
import { stripeKeyPausePg } from './postgres/0020-stripe-key-pause'

/**
 * The outbox paused because Stripe refused the key (payments/key-pause.ts): the refused key's
 * hint (`sk_test_…4242`, never the key), when, and the message shown. A refused key is nobody's
 * operation failing: every send would be refused the same way until the key changes, so the
 * outbox waits as a whole. NULL: not paused.
 */
export const stripeKeyPause: Migration = {
  id: 20,
  name: '0020-stripe-key-pause',
  postgres: stripeKeyPausePg,
  sql: `
    ALTER TABLE payment_sync ADD COLUMN key_refused_hint TEXT;
    ALTER TABLE payment_sync ADD COLUMN key_refused_at TEXT;
  `,
}
