import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  csv,
  importText,
  rejectsOf,
  storedEvents,
  usageTestApp,
  type UsageTestApp,
} from './usage-support'

// A batch is inserted grouped by customer and metric, many rows per statement: these pin that
// neither changes which row of an event id is stored, nor how rows are counted.
const header = 'event_id,customer_id,metric,quantity,timestamp'
const filler = (count: number, prefix: string): string[] =>
  Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? `${prefix}${i},globex,sms,${i},2026-11-02T00:00:${String(i % 60).padStart(2, '0')}Z`
      : `${prefix}${i},acme,api_calls,${i},2026-11-02T00:00:${String(i % 60).padStart(2, '0')}Z`,
  )

let app: UsageTestApp
beforeEach(async () => {
  app = await usageTestApp()
})
afterEach(() => app.close())

describe('usage import insert order', () => {
  it('stores the first row of an event id in the file even when a later one sorts first', async () => {
    const { result } = await importText(
      app,
      csv(
        header,
        // globex sorts after acme: the first row must still be the one kept.
        'dup-x,globex,sms,1,2026-11-01T00:00:00Z',
        ...filler(120, 'f'),
        'dup-x,acme,api_calls,5,2026-11-01T00:00:00Z',
        'same-y,acme,seats,2,2026-11-03T00:00:00Z',
        'same-y,acme,seats,2,2026-11-03T00:00:00Z',
      ),
    )
    expect(result).toMatchObject({ read: 124, imported: 122, duplicates: 1, rejected: 1 })
    const stored = storedEvents(app.db)
    expect(stored).toHaveLength(122)
    expect(stored).toContain('dup-x|globex|sms|1000000|2026-11-01T00:00:00.000Z|0')
    expect(stored).toContain('same-y|acme|seats|2000000|2026-11-03T00:00:00.000Z|0')
    expect(await rejectsOf(app, result.id)).toMatchObject([
      { rowNumber: 122, reason: 'event id repeated in this file with different content' },
    ])
  })

  it('sorts out a full group holding ids stored by an earlier file', async () => {
    const first = await importText(
      app,
      csv(
        header,
        'old-1,acme,api_calls,1,2026-11-01T00:00:00Z',
        'old-2,globex,sms,2,2026-11-01T00:00:00Z',
      ),
    )
    const { result } = await importText(
      app,
      csv(
        header,
        ...filler(30, 'a'),
        'old-1,acme,api_calls,1,2026-11-01T00:00:00Z',
        'old-2,globex,sms,3,2026-11-01T00:00:00Z',
        ...filler(70, 'b'),
      ),
      { fileName: 'second.csv' },
    )
    expect(result).toMatchObject({ read: 102, imported: 100, duplicates: 1, rejected: 1 })
    expect(storedEvents(app.db)).toHaveLength(102)
    expect(storedEvents(app.db)).toContain('old-2|globex|sms|2000000|2026-11-01T00:00:00.000Z|0')
    expect(await rejectsOf(app, result.id)).toMatchObject([
      {
        rowNumber: 32,
        reason: `event id already imported from another file (import ${first.result.id}) with different content`,
      },
    ])
  })
})
