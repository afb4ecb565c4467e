import Big from 'big.js'
import type Database from 'better-sqlite3'
import { invoiceStatuses, type Dashboard } from '../../src-shared/domain/billing'
import type { Interval } from '../../src-shared/domain/catalog'
import { subscriptionStatuses } from '../../src-shared/domain/customers'
import { periodKeyOf } from '../calendar/periods'
import { recentActivity } from './activity'
import { moneyTiles } from './money'

/** How many audit entries the activity feed shows. */
export const ACTIVITY_ITEMS = 12

/**
 * A base fee per month. A month is 1/12 of a year, and 30 days (the usual billing convention):
 * `month`: fee / count; `year`: fee / (12 · count); `day`: fee · 30 / count.
 */
export const monthlyShare = (feeMinor: number, interval: Interval): Big => {
  const fee = new Big(feeMinor)
  switch (interval.unit) {
    case 'month':
      return fee.div(interval.count)
    case 'year':
      return fee.div(12 * interval.count)
    case 'day':
      return fee.times(30).div(interval.count)
  }
}

/** MRR per currency: live (active, past due) subscriptions' base fees, rounded once per currency. */
const mrr = (db: Database.Database): Record<string, number> => {
  const groups = db
    .prepare<[], { currency: string; baseMinor: number; termsJson: string; subscriptions: number }>(
      `SELECT v.currency, v.base_price_minor AS baseMinor, v.terms_json AS termsJson,
         count(*) AS subscriptions
       FROM subscription s
       JOIN plan_version v ON v.plan_id = s.plan_id AND v.version = s.plan_version
       WHERE s.status IN ('active', 'past_due')
       GROUP BY s.plan_id, s.plan_version`,
    )
    .all()
  const sums = new Map<string, Big>()
  for (const g of groups) {
    const { interval } = JSON.parse(g.termsJson) as { interval: Interval }
    const share = monthlyShare(g.baseMinor, interval).times(g.subscriptions)
    sums.set(g.currency, (sums.get(g.currency) ?? new Big(0)).plus(share))
  }
  return Object.fromEntries(
    [...sums]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, sum]) => [currency, Number(sum.round(0, Big.roundHalfUp))]),
  )
}

const monthsBack = (key: string, months: number): string => {
  const [year = 0, month = 1] = key.split('-').map(Number)
  const index = year * 12 + month - 1 - months
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

// Twelve equalities on (period, status): the invoice_period_status index answers directly.
export const revenueSql = `
  SELECT period, currency, sum(total_minor) AS totalMinor FROM invoice
  WHERE period IN (${Array.from({ length: 12 }, () => '?').join(', ')})
    AND status IN ('finalized', 'paid')
  GROUP BY period, currency`

export const topCustomersSql = `
  SELECT c.external_id AS customerId, c.name, i.currency, sum(l.amount_minor) AS usageMinor
  FROM invoice i
  JOIN invoice_line l ON l.invoice_id = i.id AND l.kind IN ('usage', 'adjustment')
  JOIN customer c ON c.id = i.customer_id
  WHERE i.period = ? AND i.status <> 'void'
  GROUP BY i.customer_id, i.currency
  ORDER BY usageMinor DESC, c.external_id
  LIMIT 10`

/** Finalized and paid totals for the 12 months up to now, each currency's months all listed. */
const revenueByMonth = (
  db: Database.Database,
  now: Date,
  timeZone: string,
): Dashboard['revenueByMonth'] => {
  const last = periodKeyOf(now, timeZone)
  const months = Array.from({ length: 12 }, (_, i) => monthsBack(last, 11 - i))
  const rows = db
    .prepare<string[], { period: string; currency: string; totalMinor: number }>(revenueSql)
    .all(...months)
  const totals = new Map(rows.map((r) => [`${r.period} ${r.currency}`, r.totalMinor]))
  const currencies = [...new Set(rows.map((r) => r.currency))].sort()
  return months.flatMap((period) =>
    currencies.map((currency) => ({
      period,
      currency,
      totalMinor: totals.get(`${period} ${currency}`) ?? 0,
    })),
  )
}

const countBy = <S extends string>(
  db: Database.Database,
  table: 'invoice' | 'subscription',
  statuses: readonly S[],
): { status: S; count: number }[] => {
  const counts = new Map(
    db
      .prepare<[], { status: string; count: number }>(
        `SELECT status, count(*) AS count FROM ${table} GROUP BY status`,
      )
      .all()
      .map((r) => [r.status, r.count]),
  )
  return statuses.map((status) => ({ status, count: counts.get(status) ?? 0 }))
}

/** Usage and late-usage adjustment charges in the latest period with invoices (void left out). */
const topCustomers = (db: Database.Database): Dashboard['topCustomers'] => {
  const period = db
    .prepare<[], string | null>("SELECT max(period) FROM invoice WHERE status <> 'void'")
    .pluck()
    .get()
  if (!period) return []
  return db.prepare<[string], Dashboard['topCustomers'][number]>(topCustomersSql).all(period)
}

export const dashboardSummary = (
  db: Database.Database,
  options: { now: Date; timeZone: string },
): Dashboard => {
  const base = mrr(db)
  return {
    mrr: base,
    revenueByMonth: revenueByMonth(db, options.now, options.timeZone),
    invoicesByStatus: countBy(db, 'invoice', invoiceStatuses),
    topCustomers: topCustomers(db),
    subscriptionsByStatus: countBy(db, 'subscription', subscriptionStatuses),
    money: moneyTiles(db, { ...options, mrrBase: base }),
    activity: recentActivity(db, ACTIVITY_ITEMS),
  }
}
