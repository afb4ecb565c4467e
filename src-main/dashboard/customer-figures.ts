import Big from 'big.js'
import type Database from 'better-sqlite3'
import type { Interval } from '../../src-shared/domain/catalog'
import { balancesSql } from './money'
import { monthlyShare } from './summary'
import { averageOver, usageWindows } from './usage-average'

/** A customer's MRR and balance, in integer minor units of the customer's currency. */
export type CustomerFigures = { mrrMinor: number; balanceMinor: number }

const versionsSql = `SELECT plan_id AS planId, version, currency, base_price_minor AS baseMinor,
  terms_json AS termsJson FROM plan_version`

// Only live subscriptions carry a base fee into MRR, as on the dashboard.
const customersSql = `
  SELECT c.id, c.currency, s.plan_id AS planId, s.plan_version AS version
  FROM customer c
  LEFT JOIN subscription s ON s.customer_id = c.id AND s.status IN ('active', 'past_due')`

/**
 * Every customer's MRR and balance: the dashboard's two figures narrowed to one customer, in the
 * customer's currency (amounts in another currency, which a customer's plan never bills in, are
 * left out rather than added across currencies).
 * - MRR = their live subscription's base fee per month (rounded once) + their usage charges over
 *   the dashboard's window (the currency's latest billed periods), averaged and rounded once.
 *   The customers' MRR add up to the dashboard's but for those roundings.
 * - Balance = what their finalized invoices still ask for (the customer page's amount due).
 */
const computeFigures = (db: Database.Database): Map<number, CustomerFigures> => {
  const shares = new Map<string, { currency: string; share: number }>()
  for (const v of db
    .prepare<
      [],
      { planId: string; version: number; currency: string; baseMinor: number; termsJson: string }
    >(versionsSql)
    .all()) {
    const { interval } = JSON.parse(v.termsJson) as { interval: Interval }
    const share = monthlyShare(v.baseMinor, interval).round(0, Big.roundHalfUp).toNumber()
    shares.set(`${v.planId} ${v.version}`, { currency: v.currency, share })
  }
  const windows = new Map(usageWindows(db).map((w) => [w.currency, w]))
  const balances = new Map(
    db
      .prepare<{ customer: null }, { customerId: number; currency: string; minor: number }>(
        balancesSql,
      )
      .all({ customer: null })
      .map((r) => [`${r.customerId} ${r.currency}`, r.minor]),
  )
  const figures = new Map<number, CustomerFigures>()
  for (const c of db
    .prepare<[], { id: number; currency: string; planId: string | null; version: number | null }>(
      customersSql,
    )
    .all()) {
    const plan = shares.get(`${c.planId} ${c.version}`)
    const base = plan?.currency === c.currency ? plan.share : 0
    const window = windows.get(c.currency)
    const usage = window ? averageOver(window.byCustomer.get(c.id) ?? 0, window) : 0
    figures.set(c.id, {
      mrrMinor: base + usage,
      balanceMinor: balances.get(`${c.id} ${c.currency}`) ?? 0,
    })
  }
  return figures
}

/**
 * What the ledger looks like to this connection: this process's writes move total_changes(),
 * another process's (the CLI, a second app) move data_version. Equal keys, equal figures.
 */
const ledgerState = (db: Database.Database): string =>
  `${db.prepare<[], number>('SELECT total_changes()').pluck().get()} ${Number(db.pragma('data_version', { simple: true }))}`

const cache = new WeakMap<
  Database.Database,
  { state: string; figures: Map<number, CustomerFigures> }
>()

/**
 * Every customer's figures, computed once per state of the ledger: a list paged or re-sorted by
 * MRR or balance reads all of them each time, and they change only when the ledger does.
 */
export const customerFigures = (db: Database.Database): ReadonlyMap<number, CustomerFigures> => {
  const state = ledgerState(db)
  const cached = cache.get(db)
  if (cached?.state === state) return cached.figures
  const figures = computeFigures(db)
  cache.set(db, { state, figures })
  return figures
}
