import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { ImportPolicy } from '../../src-shared/domain/usage'
import { hasCustomerIndex } from '../../src-main/usage/customer-index'
import { ImportSession } from '../../src-main/usage/import-session'
import { markInterruptedImports } from '../../src-main/usage/interrupted'
import {
  csv,
  defaultMapping,
  rejectsOf,
  storedEvents,
  usageTestApp,
  type UsageTestApp,
} from './usage-support'

// The worker as `npm run build` makes it: the sources have none to start.
const parser = fileURLToPath(new URL('../../out/main/usage-parser.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'mb-parse-worker-'))
const apps: UsageTestApp[] = []
afterAll(async () => {
  for (const app of apps.splice(0)) await app.close()
  rmSync(dir, { recursive: true, force: true })
})

let ledgers = 0
/** A ledger file whose imports parse in the built worker, or (`parserFile` absent) in-thread. */
const fileLedger = async (parserFile: string): Promise<UsageTestApp> => {
  ledgers += 1
  const app = await usageTestApp({ ledgerPath: join(dir, `ledger-${ledgers}.sqlite`), parserFile })
  apps.push(app)
  return app
}

const header = 'event_id,customer_id,metric,quantity,timestamp'
const valid = (from: number, to: number): string[] =>
  Array.from(
    { length: to - from },
    (_, i) =>
      `e${from + i},acme,api_calls,${from + i},2026-11-01T10:${String(i % 60).padStart(2, '0')}:00Z`,
  )
/** Valid rows of both customers, and each kind of bad row among them. */
const mixed = csv(
  header,
  ...valid(0, 12),
  'x1,nobody,api_calls,1,2026-11-01T10:00:00Z',
  'x2,acme,sms,1,2026-11-01T10:00:00Z',
  'x3,acme,api_calls,-1,2026-11-01T10:00:00Z',
  'x4,acme,api_calls,1,yesterday',
  ...valid(12, 20),
  'e5,acme,api_calls,5,2026-11-01T10:05:00Z',
  'e6,acme,api_calls,999,2026-11-01T10:06:00Z',
  'x5,ac"me,api_calls,1,2026-11-01T10:00:00Z',
  'g1,globex,sms,3,2026-11-02T08:00:00Z',
  'g2,globex,storage_gb,1.5,2026-11-02T09:00:00Z',
  ...valid(20, 31),
)

/** Imports `text` in chunks of `size` characters straight through a session. */
const importIn = async (
  app: UsageTestApp,
  parserFile: string,
  text: string,
  options: { size?: number; policy?: ImportPolicy } = {},
) => {
  const session = await ImportSession.begin(
    { db: app.db, operator: 'tester', now: app.clock.now, batchRows: 7, parserFile },
    {
      fileName: 'mixed.csv',
      format: 'csv',
      mapping: defaultMapping,
      policy: options.policy ?? 'keep_valid',
      totalBytes: Buffer.byteLength(text),
    },
  )
  const parsedIn = session.parser
  const size = options.size ?? 97
  for (let at = 0; at < text.length && session.status === 'running'; at += size)
    await session.feed(text.slice(at, at + size))
  const result = session.status === 'running' ? await session.finish() : null
  return { session, parsedIn, result }
}

/** What an import left: its counts, the events stored and the rows rejected. */
const outcome = async (app: UsageTestApp, importId: string) => {
  const row = app.db
    .prepare(
      'SELECT status, read, imported, duplicates, rejected, late, mapping_json FROM usage_import WHERE id = ?',
    )
    .get(importId)
  const rejects = (await rejectsOf(app, importId)).map((r) => [
    r.rowNumber,
    r.column,
    r.value,
    r.reason,
    r.raw,
  ])
  return { row, events: storedEvents(app.db), rejects }
}

describe.skipIf(!existsSync(parser))('a usage import parsed in a worker thread', () => {
  it('stores, counts and rejects exactly what an import parsed in its own thread does', async () => {
    const inWorker = await fileLedger(parser)
    const inThread = await fileLedger(join(dir, 'no-such-parser.js'))
    const a = await importIn(inWorker, parser, mixed)
    const b = await importIn(inThread, join(dir, 'no-such-parser.js'), mixed)
    expect(a.parsedIn).toBe('worker')
    expect(b.parsedIn).toBe('thread')

    const worker = await outcome(inWorker, a.session.id)
    expect(worker).toEqual(await outcome(inThread, b.session.id))
    expect(worker.row).toMatchObject({
      status: 'completed',
      read: 40,
      imported: 33,
      duplicates: 1,
      rejected: 6,
      late: 0,
    })
    // The header, read in the worker, is kept for the rejects file.
    expect(JSON.parse((worker.row as { mapping_json: string }).mapping_json)).toMatchObject({
      headers: header.split(','),
    })
    expect(worker.rejects.map(([rowNumber]) => rowNumber)).toEqual([13, 14, 15, 16, 26, 27])
    // A row rejected only when written (its id is stored with other content) keeps its text,
    // cut from the chunks the worker read.
    expect(worker.rejects[4]).toEqual([
      26,
      'event_id',
      'e6',
      expect.stringMatching(/^event id repeated in this file/) as unknown,
      'e6,acme,api_calls,999,2026-11-01T10:06:00Z',
    ])
    // Imported again, in other chunks: every event is a duplicate.
    const again = await importIn(inWorker, parser, mixed, { size: 1000 })
    expect(again.result).toMatchObject({ read: 40, imported: 0, duplicates: 34, rejected: 6 })
  })

  it('refuses a file missing a mapped column, and an all-or-nothing file with a bad row', async () => {
    const app = await fileLedger(parser)
    const noQuantity = await importIn(app, parser, csv('event_id,customer_id,metric,timestamp'))
    expect(noQuantity.session.status).toBe('refused')
    expect(noQuantity.session.failure).toMatch(/quantity/)

    const strict = await importIn(app, parser, mixed, { policy: 'all_or_nothing' })
    expect(strict.result).toMatchObject({ status: 'refused', imported: 0, rejected: 6 })
    expect(app.db.prepare('SELECT COUNT(*) FROM usage_event').pluck().get()).toBe(0)
    expect(app.db.prepare('SELECT COUNT(*) FROM usage_staging').pluck().get()).toBe(0)
  })

  it('builds the dropped customer index again in the worker, when done or cancelled', async () => {
    const app = await fileLedger(parser)
    const begin = (text: string) =>
      ImportSession.begin(
        {
          db: app.db,
          operator: 'tester',
          now: app.clock.now,
          batchRows: 7,
          parserFile: parser,
          rebuildIndexFrom: 1,
        },
        {
          fileName: 'a.csv',
          format: 'csv',
          mapping: defaultMapping,
          policy: 'keep_valid',
          totalBytes: text.length,
        },
      )
    const whole = csv(header, ...valid(0, 30))
    const done = await begin(whole)
    // The parser may be a chunk behind: after the second, the first's batches are written.
    await done.feed(whole.slice(0, 600))
    await done.feed(whole.slice(600))
    expect(hasCustomerIndex(app.db)).toBe(false)
    expect(await done.finish()).toMatchObject({ status: 'completed', imported: 30 })
    expect(hasCustomerIndex(app.db)).toBe(true)

    const more = csv(header, ...valid(100, 200))
    const cancelled = await begin(more)
    await cancelled.feed(more.slice(0, 1000))
    await cancelled.feed(more.slice(1000, 2000))
    expect(hasCustomerIndex(app.db)).toBe(false)
    const ended = await cancelled.cancel()
    expect(ended.status).toBe('cancelled')
    expect(hasCustomerIndex(app.db)).toBe(true)
    // What the cancel dropped was never written: the counts are the events stored.
    const stored = app.db.prepare(
      'SELECT COUNT(*) FROM usage_event WHERE import_seq = (SELECT seq FROM usage_import WHERE id = ?)',
    )
    expect(stored.pluck().get(ended.id)).toBe(ended.imported)
    expect(ended.imported).toBeGreaterThan(0)
  })

  it('stops at the next batch when another process ended the import', async () => {
    const app = await fileLedger(parser)
    const session = await ImportSession.begin(
      { db: app.db, operator: 'tester', now: app.clock.now, batchRows: 7, parserFile: parser },
      { fileName: 'a.csv', format: 'csv', mapping: defaultMapping, policy: 'keep_valid' },
    )
    await session.feed(csv(header, ...valid(0, 10)))
    markInterruptedImports(app.ledger, { alive: () => false })
    await expect(session.feed(valid(10, 40).join('\n'))).rejects.toThrow(/no longer running/)
    expect(session.status).toBe('interrupted')
    const stored = app.db.prepare('SELECT COUNT(*) FROM usage_event').pluck().get() as number
    expect(stored % 7).toBe(0)
    expect(app.db.prepare('SELECT read, imported FROM usage_import').get()).toEqual({
      read: stored,
      imported: stored,
    })
  })
})
