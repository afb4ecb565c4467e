import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { frozenClock, testApp } from '../tests/support/test-app'
import { seedCustomerLedger } from './seed-customers'

// The customer list sorted by MRR or balance reads every customer's figures (issue 20): at
// 10,000 customers with a year of invoices (120,000 invoices, 480,000 lines) a page stays quick.
const CUSTOMERS = 10_000
const PERIODS = 12
const TARGET_MS = 300
// A page of a list whose figures have not changed reads them from memory.
const PAGE_MS = 50

let app: Awaited<ReturnType<typeof testApp>>

beforeAll(async () => {
  app = await testApp({ clock: frozenClock('2026-12-15T12:00:00.000Z') })
  await seedCustomerLedger(app, { customers: CUSTOMERS, periods: PERIODS })
}, 600_000)
afterAll(() => app.close())

const cases: [string, number, () => Promise<unknown>][] = [
  [
    // A write first: every customer's figures are computed again, not read from the cache.
    'by MRR after a change, largest first',
    TARGET_MS,
    () => {
      app.ledger.db.prepare('UPDATE customer SET notes = notes WHERE id = 1').run()
      return app.dispatch('customers:list', { sort: { field: 'mrr', direction: 'desc' } })
    },
  ],
  [
    'by balance, page 100 (figures unchanged since the last page)',
    PAGE_MS,
    () =>
      app.dispatch('customers:list', {
        sort: { field: 'balance', direction: 'asc' },
        offset: 4950,
        limit: 50,
      }),
  ],
  ['by name', PAGE_MS, () => app.dispatch('customers:list', {})],
]

describe(`customer list with ${CUSTOMERS.toLocaleString('en')} customers`, () => {
  for (const [name, target, run] of cases) {
    test(name, async ({ bench }) => {
      const result = await bench(name, run).run()
      console.log(
        `${name}: mean ${result.latency.mean.toFixed(2)} ms, p99 ${result.latency.p99.toFixed(2)} ms`,
      )
      expect(result.latency.mean).toBeLessThan(target)
    })
  }
})
