import Big from 'big.js'
import type Database from 'better-sqlite3'
import type { PeriodKey } from '../../src-shared/domain/billing'

/** How many of the latest billed periods the usage part of MRR averages. */
export const USAGE_PERIODS = 3

/** Billed invoices: drafts and void count nowhere. */
const billed = "i.status IN ('finalized', 'paid', 'uncollectible')"

// Invoices are in their plan's currency (a customer's is their plan's): these are every
// currency an invoice can have, a handful of rows.
const currenciesSql = 'SELECT currency FROM plan_version UNION SELECT currency FROM customer'

// One step back on the invoice_period_status index: the periods are walked newest first
// without reading the invoices of the periods skipped.
const periodBeforeSql = 'SELECT max(period) FROM invoice WHERE period < ?'

/** A billed period of a currency: a billed invoice in it with at least one line. */
const billedInSql = `
  SELECT EXISTS (SELECT 1 FROM invoice i
    WHERE i.period = ? AND ${billed} AND i.currency = ?
      AND EXISTS (SELECT 1 FROM invoice_line l WHERE l.invoice_id = i.id))`

/** Each currency's latest billed periods, newest first; currencies never billed left out. */
const latestBilledPeriods = (db: Database.Database): Map<string, PeriodKey[]> => {
  const currencies = db.prepare<[], string>(currenciesSql).pluck().all()
  const before = db.prepare<[string], PeriodKey | null>(periodBeforeSql).pluck()
  const billedIn = db.prepare<[PeriodKey, string], number>(billedInSql).pluck()
  const latest = new Map<string, PeriodKey[]>()
  for (const currency of currencies) {
    const periods: PeriodKey[] = []
    // '~' sorts after every period key: the walk starts at the newest.
    for (
      let period = before.get('~');
      period && periods.length < USAGE_PERIODS;
      period = before.get(period)
    ) {
      if (billedIn.get(period, currency) === 1) periods.push(period)
    }
    if (periods.length > 0) latest.set(currency, periods)
  }
  return latest
}

/**
 * Usage and late-usage adjustment charges per customer in one currency's periods. The periods
 * are equalities on the invoice_period_status index, so only those periods' invoices are read.
 */
export const usageByCustomerSql = `
  SELECT i.customer_id AS customerId, sum(l.amount_minor) AS minor
  FROM invoice i JOIN invoice_line l ON l.invoice_id = i.id AND l.kind IN ('usage', 'adjustment')
  WHERE i.period IN (SELECT value FROM json_each(@periods)) AND ${billed}
    AND i.currency = @currency
  GROUP BY i.customer_id`

export type UsageWindow = {
  currency: string
  /** Oldest first. */
  periods: PeriodKey[]
  /** Each customer's usage charges over those periods (not yet averaged). */
  byCustomer: Map<number, number>
}

/**
 * Each currency's latest USAGE_PERIODS billed periods and every customer's usage charges in
 * them: the one window both the dashboard's MRR and a customer's MRR average over.
 */
export const usageWindows = (db: Database.Database): UsageWindow[] => {
  const usage = db.prepare<
    { periods: string; currency: string },
    { customerId: number; minor: number }
  >(usageByCustomerSql)
  return [...latestBilledPeriods(db)].map(([currency, periods]) => ({
    currency,
    periods: [...periods].reverse(),
    byCustomer: new Map(
      usage.all({ periods: JSON.stringify(periods), currency }).map((r) => [r.customerId, r.minor]),
    ),
  }))
}

/** Usage charges averaged over the window's periods, rounded once (half up). */
export const averageOver = (minor: number, window: UsageWindow): number =>
  new Big(minor).div(window.periods.length).round(0, Big.roundHalfUp).toNumber()
