import { afterEach, describe, expect, it } from 'vitest'
import { UsageSource } from '../../src-main/billing/usage-source'
import { dropCustomerIndex, dropTimeIndex } from '../../src-main/usage/customer-index'
import { aggregateUsage } from '../../src-main/usage/queries'
import { testApp } from '../support/test-app'

type App = Awaited<ReturnType<typeof testApp>>
let app: App | undefined
afterEach(() => app?.close())

const CUSTOMERS = 60
const october = { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-11-01T00:00:00Z') }
const september = { from: new Date('2026-09-01T00:00:00Z'), to: new Date('2026-10-01T00:00:00Z') }

/** 60 customers with events over two months: most in October, a few in September. */
const seeded = async (): Promise<App> => {
  const started = await testApp()
  const db = started.ledger.db
  const at = '2026-09-01T00:00:00.000Z'
  db.prepare(
    `INSERT INTO usage_import (id, seq, file_name, format, policy, status, mapping_json, operator,
       started_at) VALUES ('seed', 1, 'seed.csv', 'csv', 'keep_valid', 'completed', '{}', 't', ?)`,
  ).run(at)
  const customer = db.prepare(
    `INSERT INTO customer (external_id, name, currency, created_at, updated_at)
     VALUES (?, ?, 'USD', ?, ?)`,
  )
  const event = db.prepare(
    `INSERT INTO usage_event (event_id, customer_id, metric, quantity_micros, ts, import_seq)
     VALUES (?, ?, ?, ?, ?, 1)`,
  )
  db.transaction(() => {
    for (let c = 1; c <= CUSTOMERS; c += 1) {
      customer.run(`c-${c}`, `Customer ${c}`, at, at)
      for (let k = 0; k < 9; k += 1) {
        const day = String(1 + ((c + k) % 28)).padStart(2, '0')
        const metric = k % 2 === 0 ? 'api_calls' : 'storage_gb'
        event.run(
          `o-${c}-${k}`,
          c,
          metric,
          (c * 1_000 + k) * 250_000,
          Date.parse(`2026-10-${day}T08:00:00.000Z`),
        )
      }
      if (c % 3 === 0)
        event.run(`s-${c}`, c, 'api_calls', 1_500_000, Date.parse('2026-09-15T08:00:00.000Z'))
    }
  })()
  return started
}

describe('the usage a billing run prefetches for a window many subscriptions share', () => {
  it.each([
    ['a window holding most events (one pass over the customer index)', october, null],
    ['a window holding most events, the customer index missing (the table)', october, 'customer'],
    ['a window holding few events (uses the time index)', september, null],
    ['a window holding few events, the time index missing (the customer index)', september, 'time'],
  ] as const)(
    '%s sums exactly what the per-customer aggregation sums',
    async (_n, window, missing) => {
      app = await seeded()
      const db = app.ledger.db
      // An import rebuilding them (customer-index.ts) drops these for a while, in any process.
      if (missing === 'customer') dropCustomerIndex(db)
      if (missing === 'time') dropTimeIndex(db)
      const source = new UsageSource(db)
      source.prefetch(Array.from({ length: CUSTOMERS }, () => window))
      for (let c = 1; c <= CUSTOMERS; c += 1) {
        const expected = Object.fromEntries(
          aggregateUsage(db, {
            customerId: c,
            from: window.from.toISOString(),
            to: window.to.toISOString(),
          }).map((a) => [a.metric, a.sum]),
        )
        expect(source.sums(c, window)).toEqual(expected)
      }
      expect(source.sums(3, september)).toEqual({ api_calls: '1.5' })
    },
  )
})

describe('the usage a billing run reads for one batch of customers at a time', () => {
  it('answers from the ranges read, and sums any other customer alone', async () => {
    app = await seeded()
    const db = app.ledger.db
    const source = new UsageSource(db)
    const windows = source.sharedWindows(Array.from({ length: CUSTOMERS }, () => october))
    expect(windows).toEqual([october])
    const part = source.read(october, { first: 11, last: 20 })
    expect(new Set(part.ids)).toEqual(new Set([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]))
    source.provide(part)
    const alone = (c: number) =>
      Object.fromEntries(
        aggregateUsage(db, {
          customerId: c,
          from: october.from.toISOString(),
          to: october.to.toISOString(),
        }).map((a) => [a.metric, a.sum]),
      )
    // Customer 15 (api_calls 5 × (15,000 + k) / 4 for k = 0, 2, 4, 6, 8): from the range read.
    expect(source.sums(15, october)).toEqual({ api_calls: '18755', storage_gb: '15004' })
    // Customers 10 and 21 lie outside it: never an empty answer, their own sums.
    expect(source.sums(10, october)).toEqual(alone(10))
    expect(source.sums(21, october)).toEqual(alone(21))
    expect(source.sums(21, october)).not.toEqual({})
    // A window shared by fewer than 50 subscriptions is read customer by customer.
    expect(source.sharedWindows(Array.from({ length: 49 }, () => september))).toEqual([])
    source.forget()
    expect(source.sums(15, october)).toEqual(alone(15))
  })
})
