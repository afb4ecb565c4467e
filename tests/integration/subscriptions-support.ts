import type Database from 'better-sqlite3'
import { invoke } from '../../src-main/ipc/dispatcher'
import { frozenClock, testApp } from '../support/test-app'

/**
 * A ledger for lifecycle, credit, discount and dashboard tests: four plans in force since
 * 2026-01-01 (three in USD, one in EUR), customers saved through the real channel, and invoices
 * seeded with SQL (the billing run is tested elsewhere; here only their status and dates matter).
 */
export const catalog = `
version: '1'
effectiveDate: 2026-01-01
meteringWindow: custom
plans:
  - id: starter
    name: Starter
    currency: USD
    interval: month
    basePrice: 19.00
    trialDays: 14
    gracePeriodDays: 10
    features:
      - { code: seats, name: Seats, type: quota, limit: 5, enforcement: hard }
  - id: pro
    name: Pro
    currency: USD
    interval: month
    basePrice: 99.00
  - id: annual
    name: Annual
    currency: USD
    interval: year
    basePrice: 1000.00
  - id: fortnight
    name: Fortnight
    currency: USD
    interval: { unit: day, count: 14 }
    basePrice: 7.00
  - id: euro
    name: Euro
    currency: EUR
    interval: month
    basePrice: 50.00
`

export type LifecycleApp = Awaited<ReturnType<typeof testApp>>

export const lifecycleApp = async (now = '2026-11-15T12:00:00.000Z'): Promise<LifecycleApp> => {
  const app = await testApp({ clock: frozenClock(now) })
  await invoke(app.dispatch, 'catalog:import', { text: catalog })
  return app
}

export const subscribe = async (
  app: LifecycleApp,
  externalId: string,
  subscription: { planId: string; startDate: string; trialEnd?: string | null },
) => {
  const customer = await invoke(app.dispatch, 'customers:save', {
    externalId,
    name: `${externalId} Ltd`,
    subscription,
  })
  const sub = customer.subscription
  if (!sub) throw new Error('no subscription saved')
  return { customerId: customer.id, subscriptionId: sub.id }
}

export type SeededInvoice = {
  subscriptionId: number
  customerId: number
  period: string
  status: 'draft' | 'finalized' | 'paid' | 'void' | 'uncollectible'
  currency?: string
  totalMinor?: number
  dueDate?: string | null
  number?: string | null
  /** Usage lines (kind usage), in minor units. */
  usageMinor?: number[]
  adjustmentMinor?: number[]
}

/** Writes an invoice as billing would (a draft with its lines), then moves it to its status. */
export const seedInvoice = (db: Database.Database, invoice: SeededInvoice): number => {
  const total = invoice.totalMinor ?? 0
  const start = `${invoice.period}-01T00:00:00.000Z`
  const id = Number(
    db
      .prepare(
        `INSERT INTO invoice (subscription_id, customer_id, period, period_start, period_end, currency,
           status, subtotal_minor, discount_minor, credit_minor, tax_minor, total_minor, fingerprint,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, 0, 0, 0, ?, 'seed', ?, ?)`,
      )
      .run(
        invoice.subscriptionId,
        invoice.customerId,
        invoice.period,
        start,
        start,
        invoice.currency ?? 'USD',
        total,
        total,
        start,
        start,
      ).lastInsertRowid,
  )
  const charged = [
    ...(invoice.usageMinor ?? []).map((amount) => ['usage', amount] as const),
    ...(invoice.adjustmentMinor ?? []).map((amount) => ['adjustment', amount] as const),
  ]
  // A base fee makes up the rest: the ledger finalizes only invoices that are their lines' sum.
  const rest = total - charged.reduce((sum, [, amount]) => sum + amount, 0)
  const lines = rest === 0 ? charged : [...charged, ['base', rest] as const]
  lines.forEach(([kind, amount], position) =>
    db
      .prepare(
        `INSERT INTO invoice_line (invoice_id, position, kind, description, quantity, amount_minor,
           period_start, period_end)
         VALUES (?, ?, ?, 'seeded', '1', ?, ?, ?)`,
      )
      .run(id, position, kind, amount, start, start),
  )
  if (invoice.status !== 'draft')
    db.prepare('UPDATE invoice SET status = ?, number = ?, due_date = ? WHERE id = ?').run(
      invoice.status,
      invoice.number ?? `MB-SEED-${id}`,
      invoice.dueDate ?? null,
      id,
    )
  return id
}

export const statusOf = (db: Database.Database, subscriptionId: number) =>
  db
    .prepare<[number], { status: string; statusSince: string | null }>(
      'SELECT status, status_since AS statusSince FROM subscription WHERE id = ?',
    )
    .get(subscriptionId)
