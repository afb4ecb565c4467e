import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { evaluateAlerts } from '../../src-main/alerts/evaluate'
import type { UsageFootprint } from '../../src-main/usage/footprint'
import { ImportSession, type ImportedHook } from '../../src-main/usage/import-session'
import { csv, defaultMapping, usageTestApp, type UsageTestApp } from './usage-support'

let app: UsageTestApp
beforeEach(async () => {
  app = await usageTestApp()
})
afterEach(async () => {
  await app.close()
})

const header = 'event_id,customer_id,metric,quantity,timestamp'

/** 1,000 rows over three customer-metrics, in ten batches of 100. */
const rows = Array.from({ length: 1000 }, (_, i) => {
  const [customer, metric] = [
    ['acme', 'api_calls'],
    ['acme', 'seats'],
    ['globex', 'storage_gb'],
  ][i % 3] as [string, string]
  const day = String(1 + (i % 28)).padStart(2, '0')
  return `e${i},${customer},${metric},1,2026-11-${day}T10:00:00Z`
})

const importWith = async (hook: ImportedHook, policy: 'keep_valid' | 'all_or_nothing') => {
  const session = await ImportSession.begin(
    { db: app.db, operator: 'tester', now: app.clock.now, batchRows: 100, onImported: hook },
    { fileName: 'a.csv', format: 'csv', mapping: defaultMapping, policy },
  )
  await session.feed(csv(header, ...rows))
  const result = await session.finish()
  return { result, fired: session.takeFired() }
}

describe('the import path evaluates alerts once per import and customer-metric, not per row', () => {
  for (const policy of ['keep_valid', 'all_or_nothing'] as const) {
    it(`${policy}: ten batches of 1,000 rows make one evaluation of three spans`, async () => {
      const calls: UsageFootprint[][] = []
      const hook: ImportedHook = (db, footprint, info) => {
        calls.push([...footprint])
        return evaluateAlerts(db, footprint, info)
      }
      const { result, fired } = await importWith(hook, policy)
      expect(result).toMatchObject({ status: 'completed', imported: 1000 })
      expect(calls).toHaveLength(1)
      const spans = (calls[0] ?? [])
        .map((s) => ({
          ...s,
          from: new Date(s.from).toISOString(),
          to: new Date(s.to).toISOString(),
        }))
        .sort((a, b) => a.metric.localeCompare(b.metric))
      expect(spans).toEqual([
        expect.objectContaining({
          metric: 'api_calls',
          from: '2026-11-01T10:00:00.000Z',
          to: '2026-11-28T10:00:00.000Z',
        }),
        expect.objectContaining({ metric: 'seats' }),
        expect.objectContaining({ metric: 'storage_gb' }),
      ])
      // 334 seats of 5: every threshold; 333 GB of 100: 80 and 100; 334 of 10,000 calls: none.
      expect(fired.map((a) => `${a.metric} ${a.threshold}`).sort()).toEqual([
        'seats 100',
        'seats 75',
        'seats 90',
        'storage_gb 100',
        'storage_gb 80',
      ])
    })
  }

  it('an import that wrote nothing (refused) evaluates nothing', async () => {
    let calls = 0
    const session = await ImportSession.begin(
      {
        db: app.db,
        operator: 'tester',
        now: app.clock.now,
        onImported: () => {
          calls += 1
          return []
        },
      },
      { fileName: 'a.csv', format: 'csv', mapping: defaultMapping, policy: 'keep_valid' },
    )
    const result = await session.finish()
    expect(result.status).toBe('refused')
    expect(calls).toBe(0)
  })
})
