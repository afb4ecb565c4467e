import type Database from 'better-sqlite3'
import { appendAudit } from '../audit/audit-service'
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
  applyTransition(db, state, {
    to: 'past_due',
    at,
    reason,
    operator: opts.operator,
    cause: 'dunning',
  })
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
