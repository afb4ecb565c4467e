import type Database from 'better-sqlite3'
import type { MoneyTiles, PeriodKey } from '../../src-shared/domain/billing'
import { dayOf, startOfDay } from '../calendar/business-days'
import { paymentsIn } from '../payments/accounting-rows'
import { averageOver, usageWindows } from './usage-average'

type Sum = { currency: string; count: number; minor: number }

/**
 * What each finalized invoice still asks for: its total less its credit notes and what Stripe
 * already collected on it (zero or less when fully credited or collected, which owes nothing).
 * `@customer` narrows it to one customer's (the customer page), null for all.
 */
const invoiceDueSql = `
  SELECT i.customer_id, i.currency, i.due_date,
    i.total_minor
      - (SELECT coalesce(sum(n.total_minor), 0) FROM credit_note n WHERE n.invoice_id = i.id)
      - coalesce(p.amount_paid_minor, 0) AS due
  FROM invoice i LEFT JOIN invoice_payment p ON p.invoice_id = i.id
  WHERE i.status = 'finalized' AND (@customer IS NULL OR i.customer_id = @customer)`

/**
 * Receivables per currency: what the finalized invoices still ask for, never below zero per
 * invoice. Overdue is the part whose due day is before today, as the subscription lifecycle
 * counts it.
 */
export const owedSql = `
  SELECT currency,
    count(*) AS owedInvoices, sum(due) AS owedMinor,
    count(CASE WHEN due_date < @today THEN 1 END) AS overdueInvoices,
    coalesce(sum(CASE WHEN due_date < @today THEN due END), 0) AS overdueMinor
  FROM (${invoiceDueSql})
  WHERE due > 0
  GROUP BY currency`

/** The same receivables per customer and currency (the customer list's balance). */
export const balancesSql = `
  SELECT customer_id AS customerId, currency, sum(due) AS minor
  FROM (${invoiceDueSql})
  WHERE due > 0
  GROUP BY customer_id, currency`

export const atRiskSql = `
  SELECT currency, count(*) AS count, sum(amount_minor) AS minor FROM payment_failure
  WHERE status = 'open' AND amount_minor IS NOT NULL AND currency IS NOT NULL
  GROUP BY currency`

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
const usageAverages = (db: Database.Database): Map<string, UsageAverage> =>
  new Map(
    usageWindows(db).map((window) => {
      const sum = [...window.byCustomer.values()].reduce((total, minor) => total + minor, 0)
      return [window.currency, { minor: averageOver(sum, window), periods: window.periods }]
    }),
  )

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
