import Big from 'big.js'
import type Database from 'better-sqlite3'
import type { Plan } from '../../src-shared/domain/catalog'
import type { DecimalString } from '../../src-shared/domain/pricing'
import type { WhatIf, WhatIfRow, WhatIfTotal } from '../../src-shared/domain/what-if'
import { billedInvoice, type BilledInvoice } from '../billing/billed-invoice'
import { contractMissing } from '../billing/biller'
import { Repricer, type LastBilled, type PricedVersion } from '../billing/reprice'
import { draftOf } from '../catalog/plans'
import { AppError } from '../errors'
import { stateSelect, type SubscriptionState } from '../subscriptions/status-machine'

/** difference / base as a percent with one decimal (half-up); null when the base is zero. */
const percentOf = (difference: number, base: number): DecimalString | null => {
  if (base === 0) return null
  const percent = new Big(difference).times(100).div(base).toFixed(1)
  // A rise or fall under 0.05 % reads as no change, not as "-0.0".
  return percent === '-0.0' ? '0.0' : percent
}

/** The draft of the plan, refused when `version` is not it (a stale editor, a published one). */
const draftVersion = (plan: Plan, version: number): PricedVersion => {
  const draft = draftOf(plan)
  if (!draft || draft.version !== version)
    throw new AppError(
      'not_found',
      `Plan "${plan.id}" has no draft version ${version}${draft ? ` (its draft is version ${draft.version})` : ''}.`,
    )
  return { planId: plan.id, planName: plan.name, version, terms: draft }
}

type Subscriber = SubscriptionState & { name: string }

/** The plan's live subscribers, whichever version they are on (a canceled one pays nothing more). */
const subscribersOf = (db: Database.Database, planId: string): Subscriber[] => {
  const nameOf = db.prepare<[number], string>('SELECT name FROM customer WHERE id = ?').pluck()
  return db
    .prepare<[string], SubscriptionState>(
      `${stateSelect} WHERE s.plan_id = ? AND s.status <> 'canceled' ORDER BY c.external_id`,
    )
    .all(planId)
    .map((row) => ({ ...row, name: nameOf.get(row.customerId) ?? row.externalId }))
}

const blankRow = (sub: Subscriber): WhatIfRow => ({
  externalId: sub.externalId,
  customerName: sub.name,
  subscriptionId: sub.id,
  planVersion: sub.planVersion,
  status: 'not_billed',
  reason: 'not billed yet',
  currency: sub.currency,
  period: null,
  periodStart: null,
  periodEnd: null,
  invoiceId: null,
  invoiceNumber: null,
  invoiceStatus: null,
  currentMinor: null,
  draftMinor: null,
  differenceMinor: null,
  differencePercent: null,
})

/**
 * One subscriber's last billed period under the draft. What counts as revenue, on both sides:
 * the subtotal less discounts, before tax (collected for the state, not earned) and prepaid
 * credit (a means of payment, not a price). The re-pricing applies what billing would: the
 * customer's overrides (they win over the draft's feature, as on every invoice), the discounts
 * the billed invoice carried (a percent taken again of the new subtotal, a fixed amount capped
 * at it), and it keeps the invoice's lines that are no plan's price (added by hand, late usage
 * of earlier periods), so a draft equal to the customer's version differs by nothing.
 */
const rowOf = (
  sub: Subscriber,
  billed: LastBilled | null,
  invoice: BilledInvoice | null,
  draft: PricedVersion,
  repricer: Repricer,
): WhatIfRow => {
  const row = blankRow(sub)
  if (!billed || !invoice) return row
  const currentMinor = invoice.subtotalMinor - invoice.discountMinor
  const billedRow: WhatIfRow = {
    ...row,
    status: 'not_comparable',
    currency: invoice.currency,
    period: billed.period.key,
    periodStart: billed.period.start.toISOString(),
    periodEnd: billed.period.end.toISOString(),
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    invoiceStatus: invoice.status,
    currentMinor,
  }
  // No exchange rates here: an amount in another currency is no difference to show.
  if (draft.terms.currency !== invoice.currency)
    return {
      ...billedRow,
      reason: `billed in ${invoice.currency}; the draft is priced in ${draft.terms.currency}`,
    }
  const missing = contractMissing(draft.terms, billed.billable.overrides)
  if (missing) return { ...billedRow, reason: `the draft would not bill it: it ${missing}` }
  const { totals } = repricer.price(billed, draft, invoice.kept)
  const draftMinor = totals.subtotalMinor - totals.discountMinor
  const differenceMinor = draftMinor - currentMinor
  return {
    ...billedRow,
    status: 'compared',
    reason: null,
    draftMinor,
    differenceMinor,
    differencePercent: percentOf(differenceMinor, currentMinor),
  }
}

/** Per currency, over the compared rows: each figure the exact sum of its rows'. */
const totalsOf = (rows: readonly WhatIfRow[]): WhatIfTotal[] => {
  const totals = new Map<string, WhatIfTotal>()
  for (const row of rows) {
    if (row.status !== 'compared') continue
    const total = totals.get(row.currency) ?? {
      currency: row.currency,
      customers: 0,
      currentMinor: 0,
      draftMinor: 0,
      differenceMinor: 0,
      differencePercent: null,
    }
    total.customers += 1
    total.currentMinor += row.currentMinor ?? 0
    total.draftMinor += row.draftMinor ?? 0
    total.differenceMinor += row.differenceMinor ?? 0
    totals.set(row.currency, total)
  }
  return [...totals.values()]
    .map((t) => ({ ...t, differencePercent: percentOf(t.differenceMinor, t.currentMinor) }))
    .sort((a, b) => a.currency.localeCompare(b.currency))
}

/** Biggest increase first; rows without a difference last, by customer. */
const byDifference = (a: WhatIfRow, b: WhatIfRow): number =>
  a.differenceMinor !== null && b.differenceMinor !== null
    ? b.differenceMinor - a.differenceMinor || a.externalId.localeCompare(b.externalId)
    : a.differenceMinor !== null
      ? -1
      : b.differenceMinor !== null
        ? 1
        : a.externalId.localeCompare(b.externalId)

/**
 * What the plan's subscribers would have paid for their last billed period under the draft,
 * against what they were billed, before anything is published. Reads only: nothing is written.
 */
export const whatIf = (db: Database.Database, plan: Plan, version: number): WhatIf => {
  const draft = draftVersion(plan, version)
  const repricer = new Repricer(db)
  const subscribers = subscribersOf(db, plan.id)
  const billed = subscribers.map((sub) => repricer.lastBilled(sub.id))
  repricer.prefetch(billed)
  const rows = subscribers.map((sub, i) => {
    const last = billed[i] ?? null
    const invoice = last ? billedInvoice(db, last.invoiceId) : null
    return rowOf(sub, last, invoice, draft, repricer)
  })
  return {
    planId: plan.id,
    planName: plan.name,
    version,
    currency: draft.terms.currency,
    rows: rows.sort(byDifference),
    totals: totalsOf(rows),
  }
}
