import type Database from 'better-sqlite3'
import type { InvoiceStatus } from '../../src-shared/domain/billing'
import type { FeatureOverride } from '../../src-shared/domain/catalog'
import type { SubscriptionStatus } from '../../src-shared/domain/customers'
import type { PlanSpan } from './compute/types'
import type { BookEntry, PlanBook } from './plan-book'

export type PlanChange = {
  at: Date
  from: { planId: string; version: number }
  to: { planId: string; version: number }
}

/** A subscription with its customer and plan history: everything billing reads about it. */
export type BillableSubscription = {
  id: number
  customerId: number
  externalId: string
  name: string
  currency: string
  taxRegion: string
  taxExempt: boolean
  overrides: FeatureOverride[]
  planId: string
  planVersion: number
  startDate: string
  anchorDay: number
  trialEnd: string | null
  status: SubscriptionStatus
  canceledAt: Date | null
  /** Oldest first. */
  changes: PlanChange[]
}

type Row = {
  id: number
  customer_id: number
  external_id: string
  name: string
  currency: string
  tax_region: string
  tax_exempt: number
  overrides_json: string
  plan_id: string
  plan_version: number
  start_date: string
  billing_anchor_day: number
  trial_end: string | null
  status: SubscriptionStatus
  canceled_at: string | null
}

type ChangeRow = {
  subscription_id: number
  effective_at: string
  from_plan_id: string
  from_version: number
  to_plan_id: string
  to_version: number
}

/** Customer ids from `first` to `last`, both included: a slice of a billing run. */
export type CustomerRange = { first: number; last: number }

/**
 * The customers that have subscriptions, in id order, cut into ranges of `size` customers (the
 * first of `first`): a run bills one range at a time, so what it holds does not grow with the
 * ledger. Read whole before the run writes (a connection writes nothing while it iterates), one
 * pair per range.
 */
export const customerRanges = (
  db: Database.Database,
  size: number,
  first = size,
): CustomerRange[] => {
  const ranges: CustomerRange[] = []
  let left = 0
  for (const id of db
    .prepare<[], number>('SELECT DISTINCT customer_id FROM subscription ORDER BY customer_id')
    .pluck()
    .iterate()) {
    const open = ranges.at(-1)
    if (open && left > 0) open.last = id
    else {
      ranges.push({ first: id, last: id })
      left = ranges.length === 1 ? first : size
    }
    left -= 1
  }
  return ranges
}

/**
 * All subscriptions (the one asked for, or those of a range of customers), in id order, with
 * their plan changes.
 */
export const loadSubscriptions = (
  db: Database.Database,
  only?: number | CustomerRange,
): BillableSubscription[] => {
  const one = typeof only === 'number'
  const where = one ? 'WHERE s.id = ?' : only ? 'WHERE s.customer_id BETWEEN ? AND ?' : ''
  const params = one ? [only] : only ? [only.first, only.last] : []
  const rows = db
    .prepare<unknown[], Row>(
      `SELECT s.id, s.customer_id, c.external_id, c.name, c.currency, c.tax_region, c.tax_exempt,
         c.overrides_json, s.plan_id, s.plan_version, s.start_date, s.billing_anchor_day,
         s.trial_end, s.status, s.canceled_at
       FROM subscription s JOIN customer c ON c.id = s.customer_id ${where} ORDER BY s.id`,
    )
    .all(...params)
  const changes = new Map<number, PlanChange[]>()
  const changeWhere = one
    ? 'WHERE subscription_id = ?'
    : only
      ? `WHERE subscription_id IN (SELECT id FROM subscription WHERE customer_id BETWEEN ? AND ?)`
      : ''
  const changeRows = db
    .prepare<unknown[], ChangeRow>(
      `SELECT subscription_id, effective_at, from_plan_id, from_version, to_plan_id, to_version
       FROM subscription_change ${changeWhere}
       ORDER BY subscription_id, effective_at, id`,
    )
    .all(...params)
  for (const c of changeRows) {
    const list = changes.get(c.subscription_id) ?? []
    list.push({
      at: new Date(c.effective_at),
      from: { planId: c.from_plan_id, version: c.from_version },
      to: { planId: c.to_plan_id, version: c.to_version },
    })
    changes.set(c.subscription_id, list)
  }
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    externalId: r.external_id,
    name: r.name,
    currency: r.currency,
    taxRegion: r.tax_region,
    taxExempt: r.tax_exempt === 1,
    overrides: JSON.parse(r.overrides_json) as FeatureOverride[],
    planId: r.plan_id,
    planVersion: r.plan_version,
    startDate: r.start_date,
    anchorDay: r.billing_anchor_day,
    trialEnd: r.trial_end,
    status: r.status,
    canceledAt: r.canceled_at === null ? null : new Date(r.canceled_at),
    changes: changes.get(r.id) ?? [],
  }))
}

/** The plan version in force at an instant, read back through the plan changes. */
export const versionAt = (
  sub: BillableSubscription,
  at: Date,
): { planId: string; version: number } => {
  const later = sub.changes.find((c) => c.at.getTime() > at.getTime())
  return later ? later.from : { planId: sub.planId, version: sub.planVersion }
}

/** The plan versions in force over [from, to), split where the plan changed. */
export const spansFor = (
  sub: BillableSubscription,
  window: { from: Date; to: Date },
  book: PlanBook,
): PlanSpan[] => {
  const cuts = sub.changes
    .map((c) => c.at)
    .filter((at) => at.getTime() > window.from.getTime() && at.getTime() < window.to.getTime())
  const bounds = [window.from, ...cuts, window.to]
  const spans: PlanSpan[] = []
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i] as Date
    const to = bounds[i + 1] as Date
    const { planId, version } = versionAt(sub, from)
    spans.push({ ...entryFields(book.get(planId, version)), from, to })
  }
  return spans
}

const entryFields = (e: BookEntry) => ({
  planId: e.planId,
  planName: e.planName,
  version: e.version,
  terms: e.terms,
})

/**
 * Every subscription's invoices by period start (of a range of customers, or all), with their
 * status: what a catch-up run needs to know which ended periods have no invoice yet.
 */
export const loadInvoicedPeriods = (
  db: Database.Database,
  customers?: CustomerRange,
): Map<number, Map<string, InvoiceStatus>> => {
  const bySubscription = new Map<number, Map<string, InvoiceStatus>>()
  const rows = db
    .prepare<number[], [number, string, InvoiceStatus]>(
      `SELECT subscription_id, period_start, status FROM invoice
       ${customers ? 'WHERE customer_id BETWEEN ? AND ?' : ''}`,
    )
    .raw()
    .iterate(...(customers ? [customers.first, customers.last] : []))
  for (const [subscriptionId, periodStart, status] of rows) {
    const periods = bySubscription.get(subscriptionId) ?? new Map<string, InvoiceStatus>()
    if (periods.size === 0) bySubscription.set(subscriptionId, periods)
    periods.set(periodStart, status)
  }
  return bySubscription
}
