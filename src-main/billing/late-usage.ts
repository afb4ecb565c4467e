import Big from 'big.js'
import type Database from 'better-sqlite3'
import type { DecimalString } from '../../src-shared/domain/pricing'
import { aggregationOf } from '../../src-shared/domain/aggregation'
import { aggregateMetric } from '../usage/metric-aggregation'
import { aggregateUsage } from '../usage/queries'
import { eventValues } from '../usage/event-values'
import type { BillingPeriod, LateUsage } from './compute/types'
import { billableWindow, periodAt } from '../calendar/periods'
import type { PlanBook } from './plan-book'
import { basisOf } from './period-choice'
import { pricedPerEvent } from './usage-source'
import { versionAt, type BillableSubscription } from './subscriptions'

const BILLED = `('finalized', 'paid', 'uncollectible')`

/**
 * Usage that arrived after its period was invoiced. Late events are flagged at import (their
 * time is before the subscription's billed_through) and found through a partial index; for each
 * period they fall in, the period's whole usage is compared with what finalized invoices have
 * billed for it so far, so an adjustment is made once and never twice.
 */
export const lateUsageFor = (
  db: Database.Database,
  sub: BillableSubscription,
  book: PlanBook,
  timeZone: string,
  before: Date,
): LateUsage[] => {
  const events = db
    .prepare<[number, number], { metric: string; ts: number }>(
      `SELECT DISTINCT metric, ts FROM usage_event
       WHERE customer_id = ? AND late = 1 AND ts < ? ORDER BY ts`,
    )
    .all(sub.customerId, before.getTime())
  const seen = new Map<string, { period: BillingPeriod; metric: string }>()
  for (const e of events) {
    const at = new Date(e.ts)
    const period = periodAt(basisOf(sub, book, at), at, timeZone)
    seen.set(`${period.start.toISOString()} ${e.metric}`, { period, metric: e.metric })
  }
  const result: LateUsage[] = []
  for (const { period, metric } of seen.values()) {
    const entry = lateEntry(db, sub, book, timeZone, period, metric)
    if (entry) result.push(entry)
  }
  return result
}

const lateEntry = (
  db: Database.Database,
  sub: BillableSubscription,
  book: PlanBook,
  timeZone: string,
  period: BillingPeriod,
  metric: string,
): LateUsage | null => {
  const invoiced = db
    .prepare<[number, string], { id: number }>(
      `SELECT id FROM invoice WHERE subscription_id = ? AND period_start = ? AND status IN ${BILLED}`,
    )
    .get(sub.id, period.start.toISOString())
  // Not invoiced for good yet: the period's own invoice will count these events.
  if (!invoiced) return null
  const window = billableWindow(
    period,
    { startDate: sub.startDate, trialEnd: sub.trialEnd, canceledAt: sub.canceledAt },
    timeZone,
  )
  if (!window) return null
  const { planId, version } = versionAt(sub, new Date(window.to.getTime() - 1))
  const terms = book.get(planId, version).terms
  const feature = terms.features.find((f) => f.code === metric)
  // Only what was charged for can be adjusted: rate limits, switches and hard quotas never are.
  const charged =
    feature?.type === 'usage' || (feature?.type === 'quota' && feature.enforcement === 'soft')
  if (!feature || !charged) return null
  // The period's quantity as its invoice counted it: a sum, or the feature's own aggregation.
  const spec = aggregationOf(feature)
  const totalQuantity: DecimalString =
    spec.aggregation === 'sum'
      ? (aggregateUsage(db, {
          customerId: sub.customerId,
          from: window.from.toISOString(),
          to: window.to.toISOString(),
        }).find((a) => a.metric === metric)?.sum ?? '0')
      : aggregateMetric(db, spec, sub.customerId, metric, {
          from: window.from.getTime(),
          to: window.to.getTime(),
          periodMs: period.end.getTime() - period.start.getTime(),
        })
  const billed = db
    .prepare<[number, string, string], { usage_quantity: string | null; amount_minor: number }>(
      `SELECT l.usage_quantity, l.amount_minor FROM invoice_line l
       JOIN invoice i ON i.id = l.invoice_id
       WHERE i.subscription_id = ? AND i.status IN ${BILLED} AND l.period_start = ?
         AND l.feature_code = ? AND l.kind IN ('usage', 'adjustment')`,
    )
    .all(sub.id, period.start.toISOString(), metric)
  const billedQuantity = billed
    .reduce((sum, l) => sum.plus(l.usage_quantity ?? '0'), new Big(0))
    .toString()
  if (new Big(totalQuantity).eq(billedQuantity)) return null
  const override = sub.overrides.find((o) => o.code === metric)
  // Priced as the period's own line was: event by event for a percentage.
  const events = pricedPerEvent(feature, override)
    ? eventValues(db, sub.customerId, metric, {
        from: window.from.getTime(),
        to: window.to.getTime(),
      })
    : undefined
  return {
    period,
    feature,
    terms: { currency: terms.currency, rounding: terms.rounding },
    override,
    totalQuantity,
    billedQuantity,
    billedAmountMinor: billed.reduce((sum, l) => sum + l.amount_minor, 0),
    ...(events ? { events } : {}),
  }
}
