import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import {
  CREATE_METRIC_INDEX,
  CREATE_TIME_INDEX,
  dropTimeIndex,
  hasCustomerIndex,
  hasMetricIndex,
  hasTimeIndex,
  restoreUnlessImporting,
  METRIC_INDEX,
  TIME_INDEX,
} from '../../src-main/usage/customer-index'
import { csv, defaultMapping, usageTestApp, type UsageTestApp } from './usage-support'

let app: UsageTestApp
afterEach(() => app.close())

const header = 'event_id,customer_id,metric,quantity,timestamp'
const start = Date.parse('2026-11-01T00:00:00Z')

/** `rows` events for acme's api_calls a minute apart, ids from `prefix`, in the order given. */
const events = (minutes: number[], prefix = 'e'): string =>
  csv(
    header,
    ...minutes.map(
      (m, i) =>
        `${prefix}${String(i).padStart(5, '0')},acme,api_calls,${(i % 9) + 1},${new Date(start + m * 60_000).toISOString()}`,
    ),
  )

const inOrder = (rows: number, from = 0): number[] =>
  Array.from({ length: rows }, (_, i) => from + i)

/** Blocks of 10 minutes in time order, the blocks themselves in reverse (a merge of exports). */
const merged = (rows: number): number[] =>
  Array.from({ length: rows }, (_, i) => (rows / 10 - 1 - Math.floor(i / 10)) * 10 + (i % 10))

/** Begins an import of `text`, sends its first half, and returns how to send the rest. */
const beginHalf = async (text: string) => {
  const started = await invoke(app.dispatch, 'usage:import-begin', {
    fileName: 'usage.csv',
    format: 'csv',
    mapping: defaultMapping,
    policy: 'keep_valid',
    totalBytes: Buffer.byteLength(text),
  })
  const half = Math.floor(text.length / 2)
  await invoke(app.dispatch, 'usage:import-chunk', {
    importId: started.id,
    text: text.slice(0, half),
    last: false,
  })
  return () =>
    invoke(app.dispatch, 'usage:import-chunk', {
      importId: started.id,
      text: text.slice(half),
      last: true,
    })
}

/** The explorer's first page, newest first: the event ids. */
const newestFirst = async (limit: number) =>
  (await invoke(app.dispatch, 'usage:events', { limit, offset: 0 })).events.map((e) => e.eventId)

const plan = (sql: string): string =>
  app.db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((row) => (row as { detail: string }).detail)
    .join('\n')

describe('the time index around large imports', () => {
  it('is dropped once a large import goes back in time, then built again as migrated', async () => {
    app = await usageTestApp({ batchRows: 50, rebuildIndexFrom: 100 })
    const rest = await beginHalf(events(merged(300)))
    expect(hasTimeIndex(app.db)).toBe(false)
    expect(hasMetricIndex(app.db)).toBe(false)
    expect(await rest()).toMatchObject({ status: 'completed', imported: 300 })
    expect(hasTimeIndex(app.db)).toBe(true)
    expect(hasCustomerIndex(app.db)).toBe(true)
    const sql = app.db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck()
    expect(sql.get(TIME_INDEX)).toBe(CREATE_TIME_INDEX)
    // The explorer's chart and totals index comes back with it, as migration 0024 made it.
    expect(sql.get(METRIC_INDEX)).toBe(CREATE_METRIC_INDEX)
    // The explorer's newest-first page reads the rebuilt index: no sort of every event.
    const page = plan('SELECT event_id FROM usage_event ORDER BY ts DESC, rowid DESC LIMIT 5')
    expect(page).toContain(`SCAN usage_event USING INDEX ${TIME_INDEX}`)
    expect(page).not.toContain('TEMP B-TREE')
    // Minute 299 is the 10th row of the first block (e00009), minute 298 its 9th.
    expect(await newestFirst(3)).toEqual(['e00009', 'e00008', 'e00007'])
  })

  it('is kept by a large import in time order, after what is stored', async () => {
    app = await usageTestApp({ batchRows: 50, rebuildIndexFrom: 100 })
    const rest = await beginHalf(events(inOrder(300)))
    expect(hasCustomerIndex(app.db)).toBe(false)
    expect(hasTimeIndex(app.db)).toBe(true)
    await rest()
    const later = await beginHalf(events(inOrder(300, 300), 'l'))
    expect(hasTimeIndex(app.db)).toBe(true)
    expect(await later()).toMatchObject({ status: 'completed', imported: 300 })
    expect(await newestFirst(2)).toEqual(['l00299', 'l00298'])
  })

  it('is dropped by a large import in order that starts before what is stored', async () => {
    app = await usageTestApp({ batchRows: 50, rebuildIndexFrom: 100 })
    await beginHalf(events(inOrder(300, 300))).then((rest) => rest())
    const earlier = await beginHalf(events(inOrder(300), 'b'))
    expect(hasTimeIndex(app.db)).toBe(false)
    await earlier()
    expect(hasTimeIndex(app.db)).toBe(true)
    expect(await newestFirst(1)).toEqual(['e00299'])
  })

  it('is kept by an import too small to rebuild the indexes, in any order', async () => {
    app = await usageTestApp({ batchRows: 50, rebuildIndexFrom: 1_000 })
    const rest = await beginHalf(events(merged(300)))
    expect(hasTimeIndex(app.db)).toBe(true)
    expect(await rest()).toMatchObject({ status: 'completed', imported: 300 })
  })

  it('is built at start-up when a dead import left it missing', async () => {
    app = await usageTestApp()
    dropTimeIndex(app.db)
    expect(restoreUnlessImporting(app.db)).toBe(true)
    expect(hasTimeIndex(app.db)).toBe(true)
  })
})
