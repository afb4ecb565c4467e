import type Database from 'better-sqlite3'
import { appendAudit } from '../audit/audit-service'
import { AppError } from '../errors'
import { markPaid } from '../invoices/lifecycle'
import { applyTransition, pastDueCause } from '../subscriptions/status-machine'
import type { ProviderInvoice } from './provider'

export type SettleOptions = { now: Date; operator: string }

/**
 * Stripe says an invoice is paid (our own collection, or an event): the Stripe side is recorded,
 * our invoice becomes paid, and a subscription that dunning made past_due for it comes back.
 * Idempotent: a second report of the same payment changes nothing.
 */
export const recordStripePayment = (
  db: Database.Database,
  invoiceId: number,
  stripe: Pick<ProviderInvoice, 'id' | 'status' | 'amountPaidMinor' | 'paymentIntent'>,
  opts: SettleOptions,
): void => {
  const at = opts.now.toISOString()
  db.prepare(
    `INSERT INTO invoice_payment (invoice_id, stripe_invoice_id, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (invoice_id) DO NOTHING`,
  ).run(invoiceId, stripe.id, at)
  db.prepare(
    `UPDATE invoice_payment SET stripe_status = ?, amount_paid_minor = ?,
       payment_intent = coalesce(?, payment_intent), updated_at = ?
     WHERE invoice_id = ?`,
  ).run(stripe.status, stripe.amountPaidMinor, stripe.paymentIntent, at, invoiceId)
  if (stripe.status !== 'paid') return
  const status = db
    .prepare<[number], string>('SELECT status FROM invoice WHERE id = ?')
    .pluck()
    .get(invoiceId)
  if (status === 'void')
    throw new AppError(
      'conflict',
      `Stripe collected ${stripe.amountPaidMinor} (minor units) for invoice ${invoiceId}, which is void here: refund the payment in Stripe or reissue the invoice.`,
    )
  if (status !== 'finalized' && status !== 'uncollectible') return
  const change = markPaid(db, invoiceId, `Paid in Stripe (${stripe.id})`, opts)
  appendAudit(db, {
    at,
    operator: opts.operator,
    action: 'payments:paid',
    entityType: 'invoice',
    entityId: change.entityId,
    before: change.before,
    after: change.after,
  })
  liftDunning(db, invoiceId, opts)
}

/**
 * A subscription dunning made past_due (or that was then suspended) returns to active once no
 * invoice of it has an open collection failure left. One a person put on hold stays.
 */
export const liftDunning = (
  db: Database.Database,
  invoiceId: number,
  opts: SettleOptions,
): void => {
  const sub = db
    .prepare<[number], { id: number; status: 'past_due' | 'suspended' | 'active' }>(
      `SELECT s.id, s.status FROM subscription s JOIN invoice i ON i.subscription_id = s.id
       WHERE i.id = ?`,
    )
    .get(invoiceId)
  if (!sub || (sub.status !== 'past_due' && sub.status !== 'suspended')) return
  if (pastDueCause(db, sub.id) !== 'dunning') return
  const stillFailing = db
    .prepare<[number], number>(
      `SELECT count(*) FROM payment_failure f JOIN invoice i ON i.id = f.invoice_id
       WHERE i.subscription_id = ? AND f.status = 'open' AND f.operation = 'invoice.collect'`,
    )
    .pluck()
    .get(sub.id)
  if ((stillFailing ?? 0) > 0) return
  const transition = applyTransition(db, sub, {
    to: 'active',
    at: opts.now.toISOString(),
    reason: 'Paid: the failed payment was settled',
    operator: opts.operator,
  })
  appendAudit(db, {
    at: opts.now.toISOString(),
    operator: opts.operator,
    action: 'subscriptions:transition',
    entityType: 'subscription',
    entityId: String(sub.id),
    before: { status: sub.status },
    after: { status: transition.to, reason: transition.reason },
  })
}
