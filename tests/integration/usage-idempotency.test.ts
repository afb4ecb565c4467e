import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { ImportSession } from '../../src-main/usage/import-session'
import { markInterruptedImports } from '../../src-main/usage/interrupted'
import {
  csv,
  defaultMapping,
  importText,
  rejectsOf,
  storedEvents,
  usageTestApp,
  type UsageTestApp,
} from './usage-support'

let app: UsageTestApp
beforeEach(async () => {
  app = await usageTestApp({ batchRows: 10 })
})
afterEach(() => app.close())

const header = 'event_id,customer_id,metric,quantity,timestamp'
const rows = (from: number, to: number): string[] =>
  Array.from(
    { length: to - from },
    (_, i) => `e${from + i},acme,api_calls,${from + i},2026-11-01T10:00:00Z`,
  )
const eventCount = (): number =>
  app.db.prepare('SELECT COUNT(*) FROM usage_event').pluck().get() as number

describe('usage import: idempotency', () => {
  it('stores nothing twice when the same file is imported again', async () => {
    const file = csv(header, ...rows(0, 25))
    const first = await importText(app, file)
    const second = await importText(app, file)
    expect(first.result).toMatchObject({ read: 25, imported: 25, duplicates: 0 })
    expect(second.result).toMatchObject({ read: 25, imported: 0, duplicates: 25, rejected: 0 })
    expect(eventCount()).toBe(25)
  })

  it('imports only the new rows of an overlapping file', async () => {
    await importText(app, csv(header, ...rows(0, 30)))
    const { result } = await importText(app, csv(header, ...rows(20, 45)))
    expect(result).toMatchObject({ read: 25, imported: 15, duplicates: 10 })
    expect(eventCount()).toBe(45)
  })

  it('reports progress after each chunk and commits whole batches only', async () => {
    const file = csv(header, ...rows(0, 35))
    const { progress } = await importText(app, file, { chunk: 400 })
    expect(progress.length).toBeGreaterThan(3)
    expect(progress.map((p) => p.read)).toEqual(
      [...progress.map((p) => p.read)].sort((a, b) => a - b),
    )
    const middle = progress[2]
    expect(middle).toMatchObject({ status: 'running', totalBytes: Buffer.byteLength(file) })
    expect(middle?.bytesRead).toBeLessThan(Buffer.byteLength(file))
    expect(middle?.secondsLeft).not.toBeNull()
    // Committed counts move a batch (10 rows) at a time.
    expect((middle?.imported ?? 0) % 10).toBe(0)
    expect(progress.at(-1)).toMatchObject({
      status: 'completed',
      read: 35,
      imported: 35,
      secondsLeft: 0,
    })
  })
})

describe('usage import: all or nothing', () => {
  it('imports every row when none is rejected, counting duplicates and late events', async () => {
    await importText(app, csv(header, ...rows(0, 5)))
    app.db.prepare("UPDATE subscription SET billed_through = '2026-11-02T00:00:00Z'").run()
    const { result } = await importText(app, csv(header, ...rows(3, 28), rows(10, 11)[0] ?? ''), {
      policy: 'all_or_nothing',
    })
    expect(result).toMatchObject({
      status: 'completed',
      read: 26,
      imported: 23,
      duplicates: 3,
      rejected: 0,
      late: 23,
    })
    expect(eventCount()).toBe(28)
    expect(app.db.prepare('SELECT COUNT(*) FROM usage_staging').pluck().get()).toBe(0)
  })

  it('refuses the whole file when any row is rejected: nothing reaches usage_event', async () => {
    const { result } = await importText(
      app,
      csv(header, ...rows(0, 15), 'bad,nobody,api_calls,1,2026-11-01T10:00:00Z', ...rows(15, 30)),
      { policy: 'all_or_nothing' },
    )
    expect(result).toMatchObject({ status: 'refused', read: 31, imported: 0, rejected: 1 })
    expect(eventCount()).toBe(0)
    expect(app.db.prepare('SELECT COUNT(*) FROM usage_staging').pluck().get()).toBe(0)
    expect(await rejectsOf(app, result.id)).toMatchObject([
      { rowNumber: 16, reason: 'unknown customer' },
    ])
    const audit = await invoke(app.dispatch, 'audit:list', {
      entityType: 'usage_import',
      entityId: result.id,
    })
    expect(audit.entries[0]).toMatchObject({
      action: 'usage:import-refused',
      after: {
        status: 'refused',
        failure: '1 of 31 rows were rejected, so nothing was imported (all or nothing).',
      },
    })
  })

  it('refuses the file when an event imported meanwhile conflicts with a staged one', async () => {
    const session = await ImportSession.begin(
      { db: app.db, operator: 'tester', now: app.clock.now, batchRows: 5 },
      { fileName: 'a.csv', format: 'csv', mapping: defaultMapping, policy: 'all_or_nothing' },
    )
    await session.feed(csv(header, ...rows(0, 12)))
    // Another import stores e3 with other content after it was staged here.
    await importText(app, csv(header, 'e3,acme,api_calls,999,2026-11-01T10:00:00Z'))
    const result = await session.finish()
    expect(result).toMatchObject({ status: 'refused', imported: 0, rejected: 1 })
    expect(session.failure).toMatch(/^1 rows conflict with events imported meanwhile/)
    expect(eventCount()).toBe(1)
    expect(await rejectsOf(app, result.id)).toMatchObject([
      {
        rowNumber: 4,
        column: 'event_id',
        value: 'e3',
        reason: expect.stringMatching(/^event id already imported/) as unknown,
      },
    ])
  })
})

describe('usage import: stopping part way', () => {
  it('keeps the committed batches when cancelled, drops the rest, and a re-run converges', async () => {
    const file = csv(header, ...rows(0, 47))
    const started = await invoke(app.dispatch, 'usage:import-begin', {
      fileName: 'usage.csv',
      format: 'csv',
      mapping: defaultMapping,
      policy: 'keep_valid',
    })
    const progress = await invoke(app.dispatch, 'usage:import-chunk', {
      importId: started.id,
      text: file.slice(0, 1000),
      last: false,
    })
    expect(progress.read).toBeGreaterThan(progress.imported)
    const cancelled = await invoke(app.dispatch, 'usage:import-cancel', { importId: started.id })
    expect(cancelled).toMatchObject({ status: 'cancelled', imported: 20, read: 20 })
    expect(eventCount()).toBe(20)

    const rerun = await importText(app, file)
    expect(rerun.result).toMatchObject({ read: 47, imported: 27, duplicates: 20 })
    expect(storedEvents(app.db)).toHaveLength(47)
  })

  it('after a crash mid-batch, start-up marks the import interrupted and a re-run stores the rest', async () => {
    const file = csv(header, ...rows(0, 47))
    const session = await ImportSession.begin(
      { db: app.db, operator: 'tester', now: app.clock.now, batchRows: 10 },
      { fileName: 'a.csv', format: 'csv', mapping: defaultMapping, policy: 'keep_valid' },
    )
    await session.feed(file.slice(0, 1200))
    // The process dies here: the batch in memory is lost, the session never ends.
    const stored = app.db
      .prepare('SELECT read, imported, status FROM usage_import WHERE id = ?')
      .get(session.id)
    expect(stored).toEqual({ read: 20, imported: 20, status: 'running' })
    expect(eventCount()).toBe(20)

    expect(
      markInterruptedImports(app.ledger, {
        now: app.clock.now,
        operator: 'system',
        alive: () => false,
      }),
    ).toBe(1)
    const interrupted = await invoke(app.dispatch, 'usage:import-get', { importId: session.id })
    expect(interrupted).toMatchObject({ status: 'interrupted', read: 20, imported: 20 })
    const audit = await invoke(app.dispatch, 'audit:list', { entityId: session.id })
    expect(audit.entries[0]).toMatchObject({
      action: 'usage:import-interrupted',
      operator: 'system',
    })

    const rerun = await importText(app, file)
    expect(rerun.result).toMatchObject({ read: 47, imported: 27, duplicates: 20 })
    const ids = app.db.prepare('SELECT event_id FROM usage_event').pluck().all() as string[]
    expect(new Set(ids).size).toBe(47)
  })

  it('stops at the next batch when another process marked the import interrupted', async () => {
    const session = await ImportSession.begin(
      { db: app.db, operator: 'tester', now: app.clock.now, batchRows: 10 },
      { fileName: 'a.csv', format: 'csv', mapping: defaultMapping, policy: 'keep_valid' },
    )
    await session.feed(csv(header, ...rows(0, 12)))
    markInterruptedImports(app.ledger, { alive: () => false })
    await expect(session.feed(rows(12, 30).join('\n'))).rejects.toThrow(/no longer running/)
    expect(session.status).toBe('interrupted')
    expect(eventCount()).toBe(10)
  })

  it('drops the staged rows of an interrupted all-or-nothing import', async () => {
    const session = await ImportSession.begin(
      { db: app.db, operator: 'tester', now: app.clock.now, batchRows: 10 },
      { fileName: 'a.csv', format: 'csv', mapping: defaultMapping, policy: 'all_or_nothing' },
    )
    await session.feed(csv(header, ...rows(0, 25)))
    expect(app.db.prepare('SELECT COUNT(*) FROM usage_staging').pluck().get()).toBe(20)
    markInterruptedImports(app.ledger, { alive: () => false })
    expect(app.db.prepare('SELECT COUNT(*) FROM usage_staging').pluck().get()).toBe(0)
    expect(eventCount()).toBe(0)
  })
})
