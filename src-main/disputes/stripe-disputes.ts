import type Database from 'better-sqlite3'
import type { DisputeResolution, DisputeStatus } from '../../src-shared/domain/disputes'
import type { JsonValue } from '../../src-shared/domain/json'
import { appendAudit } from '../audit/audit-service'
import { dayOf } from '../calendar/business-days'
import { AppError } from '../errors'
import { invoiceLabel } from '../invoices/invoice-store'
import type { ServiceOptions } from '../invoices/lifecycle'
import { readSettingsNow } from '../settings/settings-service'
import { appendStep, disputeByStripeId } from './dispute-store'
import { disputedInvoice, disputeSummary, insertDispute } from './dispute-records'

/** What event sync reads off a Stripe dispute object. */
export type StripeDispute = {
  id: string
  amountMinor: number
  /** Lower-case, as Stripe writes it. */
  currency: string | null
  reason: string | null
  /** Stripe's status: needs_response, under_review, won, lost, warning_* … */
  status: string | null
  /** evidence_details.due_by: Unix seconds. */
  dueBy: number | null
}

type Target = { status: DisputeStatus; resolution: DisputeResolution | null }

/**
 * Stripe's status in ours. Won (or an inquiry closed without a chargeback) is a rejected
 * dispute: the customer was not refunded. Lost is accepted: Stripe has already taken the money
 * back from the payment, so NO credit note is issued here: one settled to the balance would pay
 * the customer twice, and one marked "refund" would record a second refund that never happened.
 * The dispute names the outcome and the invoice's Stripe record shows the money returned.
 */
const targetOf = (status: string | null): Target => {
  switch (status) {
    case 'won':
    case 'warning_closed':
    case 'prevented':
      return { status: 'resolved', resolution: 'rejected' }
    case 'lost':
      return { status: 'resolved', resolution: 'accepted' }
    case 'under_review':
    case 'warning_under_review':
      return { status: 'under_review', resolution: null }
    default:
      return { status: 'open', resolution: null }
  }
}

const rank: Record<DisputeStatus, number> = { open: 0, under_review: 1, resolved: 2 }

const words = (d: StripeDispute): string =>
  `Stripe: ${d.status ?? 'unknown status'}${d.reason !== null ? ` (${d.reason})` : ''}`

/**
 * Applies one Stripe dispute object to its dispute here (created on first sight, whichever event
 * brings it). Keyed by Stripe's dispute id, so applying the same object twice changes nothing;
 * a status only moves forward and a resolved dispute is final. Returns the event's outcome.
 */
export const applyStripeDispute = (
  db: Database.Database,
  invoiceId: number,
  d: StripeDispute,
  opts: ServiceOptions,
): string => {
  const timeZone = readSettingsNow(db).businessTimeZone
  const deadline = d.dueBy === null ? null : dayOf(new Date(d.dueBy * 1000), timeZone)
  const target = targetOf(d.status)
  const existing = disputeByStripeId(db, d.id)
  const at = opts.now.toISOString()
  const audit = (id: number, before: JsonValue | null, after: JsonValue): void => {
    appendAudit(db, {
      at,
      operator: opts.operator,
      action: 'disputes:stripe',
      entityType: 'dispute',
      entityId: String(id),
      before,
      after,
    })
  }
  if (!existing) {
    const invoice = disputedInvoice(db, invoiceId)
    if (d.currency !== null && d.currency.toUpperCase() !== invoice.currency)
      throw new AppError(
        'conflict',
        `Stripe dispute ${d.id} is in ${d.currency.toUpperCase()}, but invoice ${invoiceLabel(invoice)} is in ${invoice.currency}.`,
      )
    if (d.amountMinor > invoice.total_minor)
      throw new AppError(
        'conflict',
        `Stripe dispute ${d.id} is for ${d.amountMinor} minor units, more than invoice ${invoiceLabel(invoice)} charged (${invoice.total_minor}).`,
      )
    const id = insertDispute(
      db,
      {
        invoice,
        lineId: null,
        source: 'stripe',
        stripeDisputeId: d.id,
        reason: (d.reason ?? 'disputed in Stripe').slice(0, 500),
        contact: '',
        amountMinor: d.amountMinor,
        deadline,
        ...target,
        note: words(d),
      },
      opts,
    )
    audit(id, null, {
      ...(disputeSummary({
        ...target,
        amountMinor: d.amountMinor,
        currency: invoice.currency,
        deadline,
      }) as Record<string, JsonValue>),
      stripeDisputeId: d.id,
    })
    return 'dispute recorded'
  }
  if (existing.status === 'resolved') return 'dispute unchanged'
  const status = rank[target.status] > rank[existing.status] ? target.status : existing.status
  const resolution = status === 'resolved' ? target.resolution : null
  const amountMinor = Math.min(
    d.amountMinor > 0 ? d.amountMinor : existing.amountMinor,
    existing.amountMinor,
  )
  if (
    status === existing.status &&
    deadline === existing.deadline &&
    amountMinor === existing.amountMinor
  )
    return 'dispute unchanged'
  db.prepare(
    `UPDATE dispute SET status = ?, resolution = ?, deadline = ?, amount_minor = ?, updated_at = ?,
       resolved_at = ? WHERE id = ?`,
  ).run(
    status,
    resolution,
    deadline,
    amountMinor,
    at,
    status === 'resolved' ? at : null,
    existing.id,
  )
  appendStep(db, {
    disputeId: existing.id,
    at,
    operator: opts.operator,
    step: status === existing.status ? 'updated' : status === 'resolved' ? 'resolved' : 'review',
    status,
    note: words(d),
  })
  audit(
    existing.id,
    disputeSummary(existing),
    disputeSummary({ status, resolution, amountMinor, currency: existing.currency, deadline }),
  )
  return status === 'resolved' ? `dispute ${resolution ?? ''}` : 'dispute updated'
}
