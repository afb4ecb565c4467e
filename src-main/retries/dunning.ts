import type Database from 'better-sqlite3'
import { appendAudit } from '../audit/audit-service'
import { dayOf } from '../calendar/business-days'
import { readSettingsNow } from '../settings/settings-service'
import { applyTransition, stateOf } from '../subscriptions/status-machine'

/**
 * How a transition made by the dunning policy starts its reason, so the payments side can tell a
 * subscription past due for a failed payment (lifted when Stripe reports the invoice paid) from
 * one a person or the due-date automation put there.
 */
export const dunningReasonPrefix = 'Payment failed for invoice '

export const dunningReason = (invoiceNumber: string, why: string): string =>
  `${dunningReasonPrefix}${invoiceNumber}: ${why}`

/**
 * The dunning policy when a collection waits for a person: the invoice's subscription, if
 * active, becomes past due (the lifecycle then suspends it after the plan's grace period).
 * Returns whether it moved.
 */
export const applyDunning = (
  db: Database.Database,
  invoiceId: number,
  why: string,
  opts: { now: Date; operator: string },
): boolean => {
  const invoice = db
    .prepare<[number], { number: string | null; subscriptionId: number; externalId: string }>(
      `SELECT i.number, i.subscription_id AS subscriptionId, c.external_id AS externalId
       FROM invoice i JOIN customer c ON c.id = i.customer_id WHERE i.id = ?`,
    )
    .get(invoiceId)
  if (!invoice) return false
  const state = stateOf(db, invoice.externalId)
  // One subscription per customer today; should that change, only the invoice's own one moves.
  if (state.id !== invoice.subscriptionId || state.status !== 'active') return false
  const at = opts.now.toISOString()
  const reason = dunningReason(invoice.number ?? `(id ${invoiceId})`, why)
  applyTransition(db, state, { to: 'past_due', at, reason, operator: opts.operator })
  appendAudit(db, {
    at,
    operator: opts.operator,
    action: 'retries:dunning',
    entityType: 'subscription',
    entityId: state.externalId,
    before: { status: state.status, statusSince: state.statusSince },
    after: { status: 'past_due', statusSince: at, reason },
  })
  return true
}

/** A subscription's status change, for the caller's audit entry. */
export type DunningLift = {
  externalId: string
  before: { status: string; statusSince: string | null }
  after: { status: 'active'; statusSince: string; reason: string }
}

/**
 * Undoes the dunning policy once an invoice is settled outside Stripe (a person resolving its
 * failed collection): the subscription goes back to active when it is past due (or suspended
 * since) because this invoice's payment failed, no other collection of it waits in the queue and
 * no other invoice of it is overdue. The lifecycle automation does not lift it by itself: to it,
 * a past-due status it did not set is a person's hold. Auditing is the caller's.
 */
export const liftDunning = (
  db: Database.Database,
  invoiceId: number,
  note: string,
  opts: { now: Date; operator: string },
): DunningLift | null => {
  const invoice = db
    .prepare<[number], { number: string | null; subscriptionId: number; externalId: string }>(
      `SELECT i.number, i.subscription_id AS subscriptionId, c.external_id AS externalId
       FROM invoice i JOIN customer c ON c.id = i.customer_id WHERE i.id = ?`,
    )
    .get(invoiceId)
  if (!invoice || invoice.number === null) return null
  const state = stateOf(db, invoice.externalId)
  if (state.id !== invoice.subscriptionId) return null
  if (state.status !== 'past_due' && state.status !== 'suspended') return null
  const enteredBy = db
    .prepare<[number], string>(
      `SELECT reason FROM subscription_transition WHERE subscription_id = ? AND to_status = 'past_due'
       ORDER BY at DESC, id DESC LIMIT 1`,
    )
    .pluck()
    .get(state.id)
  if (!enteredBy?.startsWith(`${dunningReasonPrefix}${invoice.number}:`)) return null
  const otherFailures = db
    .prepare<[number, number], number>(
      `SELECT count(*) FROM payment_failure f JOIN invoice i ON i.id = f.invoice_id
       WHERE i.subscription_id = ? AND f.invoice_id <> ? AND f.status = 'open'
         AND f.operation = 'invoice.collect'`,
    )
    .pluck()
    .get(state.id, invoiceId)
  const today = dayOf(opts.now, readSettingsNow(db).businessTimeZone)
  const overdue = db
    .prepare<[number, number, string], number>(
      `SELECT count(*) FROM invoice WHERE subscription_id = ? AND id <> ? AND status = 'finalized'
         AND due_date < ?`,
    )
    .pluck()
    .get(state.id, invoiceId, today)
  if ((otherFailures ?? 0) > 0 || (overdue ?? 0) > 0) return null
  const at = opts.now.toISOString()
  const reason = `Paid: invoice ${invoice.number} settled outside Stripe (${note})`
  applyTransition(db, state, { to: 'active', at, reason, operator: opts.operator })
  return {
    externalId: state.externalId,
    before: { status: state.status, statusSince: state.statusSince },
    after: { status: 'active', statusSince: at, reason },
  }
}
