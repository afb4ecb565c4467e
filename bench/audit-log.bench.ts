import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testApp } from '../tests/support/test-app'

// The audit log grows with every change; its page must stay quick at a few years' volume.
const ENTRIES = 200_000
let app: Awaited<ReturnType<typeof testApp>>

beforeAll(async () => {
  app = await testApp()
  const insert = app.ledger.db.prepare(
    'INSERT INTO audit_entry (at, operator, action, entity_type, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const start = Date.parse('2024-01-01T00:00:00Z')
  app.ledger.db.transaction(() => {
    for (let i = 0; i < ENTRIES; i++) {
      insert.run(
        new Date(start + i * 60_000).toISOString(),
        `operator-${i % 7}`,
        ['settings:update', 'invoices:finalize', 'customers:update', 'plans:publish'][i % 4],
        ['settings', 'invoice', 'customer', 'plan'][i % 4],
        String(i % 5000),
        '{"status":"draft"}',
        '{"status":"finalized"}',
      )
    }
  })()
})
afterAll(() => app.close())

// Target: any audit page or filter answers within 50 ms (mean) at this size, so the Audit log
// stays instant for years of history.
const TARGET_MS = 50

const cases: [string, () => Promise<unknown>][] = [
  ['first page, no filter', () => app.dispatch('audit:list', { limit: 50 })],
  [
    'one operator in one month',
    () =>
      app.dispatch('audit:list', {
        operator: 'operator-3',
        from: '2024-03-01T00:00:00Z',
        to: '2024-04-01T00:00:00Z',
        limit: 50,
      }),
  ],
  [
    "one entity's history",
    () => app.dispatch('audit:list', { entityType: 'invoice', entityId: '1201' }),
  ],
  ['filter pickers (facets)', () => app.dispatch('audit:facets', {})],
  [
    'a settings change with its audit entry',
    () => app.dispatch('settings:update', { taxId: `T${Math.random()}` }),
  ],
]

describe(`audit log with ${ENTRIES.toLocaleString('en')} entries`, () => {
  for (const [name, run] of cases) {
    test(name, async ({ bench }) => {
      const result = await bench(name, run).run()
      console.log(
        `${name}: mean ${result.latency.mean.toFixed(2)} ms, p99 ${result.latency.p99.toFixed(2)} ms`,
      )
      expect(result.latency.mean).toBeLessThan(TARGET_MS)
    })
  }
})
