import type Database from 'better-sqlite3'
import { OperationRefused, type Claimed, type OperationDeps } from './operation-types'
import { requestKey } from './outbox'

/** The customer's Stripe customer, once created (or linked). */
export const linkedCustomer = (db: Database.Database, customerRowId: number): string | undefined =>
  db
    .prepare<[number], string>('SELECT stripe_id FROM stripe_customer WHERE customer_id = ?')
    .pluck()
    .get(customerRowId)

/** Creates the customer in Stripe once; a retry replays the same key, so it is never made twice. */
export const syncCustomer = async (
  customerRowId: number,
  key: string,
  { db, provider, save, now }: OperationDeps,
): Promise<string> => {
  const linked = linkedCustomer(db, customerRowId)
  if (linked) return linked
  const customer = db
    .prepare<[number], { external_id: string; name: string; email: string | null }>(
      'SELECT external_id, name, email FROM customer WHERE id = ?',
    )
    .get(customerRowId)
  if (!customer) throw new OperationRefused('customer_missing', 'The customer no longer exists.')
  const created = await provider.createCustomer(
    { name: customer.name, email: customer.email || null, ourId: customer.external_id },
    { idempotencyKey: requestKey(key, 'create') },
  )
  await save((tx) =>
    tx
      .prepare(
        `INSERT INTO stripe_customer (customer_id, stripe_id, email, name, synced_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (customer_id) DO NOTHING`,
      )
      .run(customerRowId, created.id, created.email, created.name, now().toISOString()),
  )
  return linkedCustomer(db, customerRowId) ?? created.id
}

/**
 * Meterbook keeps the customer master data: before an invoice goes to Stripe, a name or email
 * changed here since the last sync is written to the Stripe customer (once, keyed by the push).
 */
export const refreshCustomer = async (
  op: Claimed,
  stripeId: string,
  { db, provider, save, now }: OperationDeps,
): Promise<void> => {
  const row = db
    .prepare<
      [number],
      {
        name: string
        email: string | null
        synced_name: string | null
        synced_email: string | null
      }
    >(
      `SELECT c.name, nullif(c.email, '') AS email, s.name AS synced_name,
         nullif(s.email, '') AS synced_email
       FROM customer c JOIN stripe_customer s ON s.customer_id = c.id WHERE c.id = ?`,
    )
    .get(op.customer_id)
  if (!row || (row.name === row.synced_name && row.email === row.synced_email)) return
  const updated = await provider.updateCustomer(
    stripeId,
    { name: row.name, email: row.email },
    { idempotencyKey: requestKey(op.idempotency_key, 'customer') },
  )
  await save((tx) =>
    tx
      .prepare(
        'UPDATE stripe_customer SET name = ?, email = ?, synced_at = ? WHERE customer_id = ?',
      )
      .run(updated.name, updated.email, now().toISOString(), op.customer_id),
  )
}
