import Big from 'big.js'
import type Database from 'better-sqlite3'
import type { MoneyTiles, PeriodKey } from '../../src-shared/domain/billing'
import { dayOf, startOfDay } from '../calendar/business-days'
import { paymentsIn } from '../payments/accounting-rows'

/** How many of the latest billed periods the usage part of MRR averages. */
export const USAGE_PERIODS = 3

type Sum = { currency: string; count: number; minor: number }

/**
 * Receivables per currency. What an invoice still asks for: its total less its credit notes and
 * what Stripe already collected on it, never below zero (a fully credited invoice owes nothing).
 * Overdue is the part whose due day is before today, as the subscription lifecycle counts it.
 * `@customer` narrows it to one customer's (the customer page), null for all.
 */
export const owedSql = `
  SELECT currency,
    count(*) AS owedInvoices, sum(due) AS owedMinor,
    count(CASE WHEN due_date < @today THEN 1 END) AS overdueInvoices,
    coalesce(sum(CASE WHEN due_date < @today THEN due END), 0) AS overdueMinor
  FROM (
    SELECT i.currency, i.due_date,
      i.total_minor
        - (SELECT coalesce(sum(n.total_minor), 0) FROM credit_note n WHERE n.invoice_id = i.id)
        - coalesce(p.amount_paid_minor, 0) AS due
    FROM invoice i LEFT JOIN invoice_payment p ON p.invoice_id = i.id
    WHERE i.status = 'finalized' AND (@customer IS NULL OR i.customer_id = @customer))
  WHERE due > 0
  GROUP BY currency`

export const atRiskSql = `
  SELECT currency, count(*) AS count, sum(amount_minor) AS minor FROM payment_failure
  WHERE status = 'open' AND amount_minor IS NOT NULL AND currency IS NOT NULL
  GROUP BY currency`

/** Usage and late-usage adjustment charges per billed period (drafts and void left out). */
export const usageByPeriodSql = `
  SELECT i.currency, i.period,
    coalesce(sum(CASE WHEN l.kind IN ('usage', 'adjustment') THEN l.amount_minor END), 0) AS minor
  FROM invoice i JOIN invoice_line l ON l.invoice_id = i.id
  WHERE i.status IN ('finalized', 'paid', 'uncollectible')
  GROUP BY i.currency, i.period
  ORDER BY i.currency, i.period DESC`

export type Owed = {
  currency: string
  owedInvoices: number
  owedMinor: number
  overdueInvoices: number
  overdueMinor: number
}

/** The first instants of this month and the next in the business time zone. */
const monthRange = (now: Date, timeZone: string): { from: string; to: string } => {
  const today = dayOf(now, timeZone)
  const [year = 0, month = 1] = today.split('-').map(Number)
  const next =
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`
  return {
    from: startOfDay(`${today.slice(0, 7)}-01`, timeZone).toISOString(),
    to: startOfDay(next, timeZone).toISOString(),
  }
}

const collected = (db: Database.Database, now: Date, timeZone: string): Sum[] => {
  const sums = new Map<string, Sum>()
  for (const payment of paymentsIn(db, monthRange(now, timeZone))) {
    const sum = sums.get(payment.currency) ?? { currency: payment.currency, count: 0, minor: 0 }
    sum.count += 1
    sum.minor += payment.amountMinor
    sums.set(payment.currency, sum)
  }
  return [...sums.values()]
}

type UsageAverage = { minor: number; periods: PeriodKey[] }

/** Each currency's usage charges over its latest billed periods, averaged and rounded once. */
const usageAverages = (db: Database.Database): Map<string, UsageAverage> => {
  const rows = db
    .prepare<[], { currency: string; period: string; minor: number }>(usageByPeriodSql)
    .all()
  const latest = new Map<string, { period: string; minor: number }[]>()
  for (const row of rows) {
    const periods = latest.get(row.currency) ?? []
    if (periods.length < USAGE_PERIODS) periods.push(row)
    latest.set(row.currency, periods)
  }
  return new Map(
    [...latest].map(([currency, periods]) => {
      const sum = periods.reduce((total, p) => total + p.minor, 0)
      const minor = new Big(sum).div(periods.length).round(0, Big.roundHalfUp).toNumber()
      return [currency, { minor, periods: periods.map((p) => p.period).reverse() }]
    }),
  )
}

/**
 * The dashboard's money tiles, one per currency that has any of them. Integer minor units
 * throughout; `mrrMinor` is exactly the sum of the two figures shown beside it.
 */
export const moneyTiles = (
  db: Database.Database,
  options: { now: Date; timeZone: string; mrrBase: Record<string, number> },
): MoneyTiles[] => {
  const today = dayOf(options.now, options.timeZone)
  const owed = new Map(
    db
      .prepare<{ today: string; customer: number | null }, Owed>(owedSql)
      .all({ today, customer: null })
      .map((r) => [r.currency, r]),
  )
  const paid = new Map(collected(db, options.now, options.timeZone).map((s) => [s.currency, s]))
  const atRisk = new Map(
    db
      .prepare<[], Sum>(atRiskSql)
      .all()
      .map((r) => [r.currency, r]),
  )
  const usage = usageAverages(db)
  const currencies = [
    ...new Set([
      ...owed.keys(),
      ...paid.keys(),
      ...atRisk.keys(),
      ...usage.keys(),
      ...Object.keys(options.mrrBase),
    ]),
  ].sort()
  return currencies.map((currency) => {
    const o = owed.get(currency)
    const base = options.mrrBase[currency] ?? 0
    const average = usage.get(currency) ?? { minor: 0, periods: [] }
    return {
      currency,
      owedMinor: o?.owedMinor ?? 0,
      owedInvoices: o?.owedInvoices ?? 0,
      overdueMinor: o?.overdueMinor ?? 0,
      overdueInvoices: o?.overdueInvoices ?? 0,
      collectedMinor: paid.get(currency)?.minor ?? 0,
      collectedPayments: paid.get(currency)?.count ?? 0,
      atRiskMinor: atRisk.get(currency)?.minor ?? 0,
      atRiskFailures: atRisk.get(currency)?.count ?? 0,
      mrrBaseMinor: base,
      usageAverageMinor: average.minor,
      usagePeriods: average.periods,
      mrrMinor: base + average.minor,
    }
  })
}
