import { afterEach, describe, expect, it } from 'vitest'
import type { ColumnMapping, UsageFormat } from '../../src-shared/domain/usage'
import { invoke } from '../../src-main/ipc/dispatcher'
import { ImportSession } from '../../src-main/usage/import-session'
import {
  defaultMapping,
  importText,
  rejectsOf,
  storedEvents,
  usageTestApp,
  type UsageTestApp,
} from './usage-support'

const apps: UsageTestApp[] = []
const fresh = async (): Promise<UsageTestApp> => {
  const app = await usageTestApp()
  apps.push(app)
  return app
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()))
})

/** What an import left behind: counts, stored events with properties, and the rejects. */
const outcome = async (app: UsageTestApp, importId: string) => {
  const result = await invoke(app.dispatch, 'usage:import-get', { importId })
  const properties = app.db
    .prepare('SELECT event_id, properties_json FROM usage_event ORDER BY event_id')
    .raw()
    .all()
  return {
    counts: [result.status, result.read, result.imported, result.duplicates, result.rejected],
    events: storedEvents(app.db),
    properties,
    rejects: await rejectsOf(app, importId),
  }
}

/** Feeds the engine `text` in chunks of `size` characters, in process, on a fresh ledger. */
const importInChunks = async (
  text: string,
  size: number,
  options: { format?: UsageFormat; mapping?: ColumnMapping; batchRows?: number } = {},
) => {
  const app = await fresh()
  const session = await ImportSession.begin(
    { db: app.db, operator: 'tester', now: app.clock.now, batchRows: options.batchRows ?? 3 },
    {
      fileName: 'chunks',
      format: options.format ?? 'csv',
      mapping: options.mapping ?? defaultMapping,
      policy: 'keep_valid',
    },
  )
  for (let at = 0; at < text.length && session.status === 'running'; at += size)
    await session.feed(text.slice(at, at + size))
  if (session.status === 'running') await session.finish()
  return outcome(app, session.id)
}

const tricky = [
  '\uFEFFevent_id,customer_id,metric,quantity,timestamp,note',
  'e1,acme,api_calls,1,2026-11-01T10:00:00Z,plain',
  '"e,2",acme,api_calls,"2.5",2026-11-01T10:00:00Z,"with, comma"',
  '',
  'e3,acme,api_calls,3,2026-11-01T10:00:00Z,"two\r\nlines and ""quotes"""',
  'e4,nobody,api_calls,1,2026-11-01T10:00:00Z,café 日本',
  'e5,acme,seats,1,2026-11-01T10:00:00Z,"ab"c',
  'e6,acme,api_calls,6,2026-11-01T10:00:00Z,"" ',
  'e1,acme,api_calls,1,2026-11-01T10:00:00Z,plain again',
  'e7,acme,api_calls,7,2026-11-01T10:00:00Z,"never closed',
].join('\r\n')

describe('usage import: CSV dialects', () => {
  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
  ])('detects the %j (%s) delimiter from the header', async (delimiter) => {
    const app = await fresh()
    const rows = [
      ['event_id', 'customer_id', 'metric', 'quantity', 'timestamp', 'note'],
      ['e1', 'acme', 'api_calls', '1.5', '2026-11-01T10:00:00Z', 'a,b;c'],
    ]
    const text = rows
      .map((cells) => cells.map((c) => (c.includes(delimiter) ? `"${c}"` : c)).join(delimiter))
      .join('\n')
    const { result } = await importText(app, text)
    expect(result.imported).toBe(1)
    const { events } = await invoke(app.dispatch, 'usage:events', {})
    expect(events[0]).toMatchObject({ quantity: '1.5', properties: { note: 'a,b;c' } })
  })

  it('reads a BOM, CRLF line ends, quoted commas, newlines and doubled quotes, and rejects broken quoting', async () => {
    const app = await fresh()
    const { result } = await importText(app, tricky)
    const stored = await outcome(app, result.id)
    expect(stored.counts).toEqual(['completed', 8, 4, 1, 3])
    expect(stored.events).toEqual([
      'e,2|acme|api_calls|2500000|2026-11-01T10:00:00.000Z|0',
      'e1|acme|api_calls|1000000|2026-11-01T10:00:00.000Z|0',
      'e3|acme|api_calls|3000000|2026-11-01T10:00:00.000Z|0',
      'e6|acme|api_calls|6000000|2026-11-01T10:00:00.000Z|0',
    ])
    expect(stored.properties).toContainEqual([
      'e3',
      JSON.stringify({ note: 'two\r\nlines and "quotes"' }),
    ])
    expect(stored.rejects).toEqual([
      {
        rowNumber: 4,
        column: 'customer_id',
        value: 'nobody',
        reason: 'unknown customer',
        raw: 'e4,nobody,api_calls,1,2026-11-01T10:00:00Z,café 日本',
      },
      {
        rowNumber: 5,
        column: null,
        value: null,
        reason: 'a quoted field is malformed (a quote must be doubled inside quotes)',
        raw: 'e5,acme,seats,1,2026-11-01T10:00:00Z,"ab"c',
      },
      {
        rowNumber: 8,
        column: null,
        value: null,
        reason: 'a quoted field is not closed',
        raw: 'e7,acme,api_calls,7,2026-11-01T10:00:00Z,"never closed',
      },
    ])
  })

  it('gives the same result however the file is cut into chunks', async () => {
    const whole = await importInChunks(tricky, tricky.length)
    for (const size of [1, 2, 3, 5, 7, 11, 16, 31, 64, 100, 257]) {
      expect({ size, ...(await importInChunks(tricky, size)) }).toEqual({ size, ...whole })
    }
  })

  it('recovers from a stray quote far from the end: that row is rejected, the rest is read', async () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `k${i},acme,api_calls,1,2026-11-01T10:00:00Z`,
    )
    rows[10] = 'k10,acme,api_calls,1,2026-11-01T10:00:00Z"'
    const text = `event_id,customer_id,metric,quantity,timestamp\n${rows.join('\n')}\n`
    for (const size of [4096, text.length]) {
      const { counts, rejects } = await importInChunks(text, size, { batchRows: 5000 })
      expect(counts).toEqual(['completed', 20_000, 19_999, 0, 1])
      expect(rejects).toMatchObject([{ rowNumber: 11, reason: 'a quoted field is not closed' }])
    }
  })
})

describe('usage import: JSON Lines', () => {
  const lines = [
    '{"event_id":"j1","customer_id":"acme","metric":"api_calls","quantity":0.1,"timestamp":"2026-11-01T10:00:00Z"}',
    '{"event_id":12345678901234567890,"customer_id":"acme","metric":"api_calls","quantity":12345678901.000001,"timestamp":"2026-11-01T10:00:00Z","tags":{"n":1.10},"ok":true}',
    '',
    '{"event_id":"j3","customer_id":"acme","metric":"api_calls","quantity":1e-6,"timestamp":"2026-11-01T10:00:00Z"}\r',
    '{"event_id":"j4","customer_id":"acme","metric":"api_calls","quantity":"2.50","timestamp":"2026-11-01T10:00:00+01:00"}',
    '{"event_id":"j5","customer_id":"acme","metric":"api_calls","quantity":-1,"timestamp":"2026-11-01T10:00:00Z"}',
    '{"event_id":"j6", not json',
    '["j7"]',
    '{"event_id":"j8","customer_id":"acme","metric":"api_calls","quantity":null,"timestamp":"2026-11-01T10:00:00Z"}',
  ].join('\n')

  it('keeps JSON numbers exact, as written', async () => {
    const app = await fresh()
    const { result } = await importText(app, lines, { format: 'jsonl', fileName: 'usage.jsonl' })
    const stored = await outcome(app, result.id)
    expect(stored.counts).toEqual(['completed', 8, 4, 0, 4])
    expect(stored.events).toEqual([
      '12345678901234567890|acme|api_calls|12345678901000001|2026-11-01T10:00:00.000Z|0',
      'j1|acme|api_calls|100000|2026-11-01T10:00:00.000Z|0',
      'j3|acme|api_calls|1|2026-11-01T10:00:00.000Z|0',
      'j4|acme|api_calls|2500000|2026-11-01T09:00:00.000Z|0',
    ])
    expect(stored.properties).toContainEqual([
      '12345678901234567890',
      JSON.stringify({ tags: '{"n":"1.10"}', ok: 'true' }),
    ])
    expect(
      stored.rejects.map((r) => [r.rowNumber, r.column, r.reason.replace(/ \(.*/, '')]),
    ).toEqual([
      [5, 'quantity', 'quantity is negative'],
      [6, null, 'the line is not valid JSON'],
      [7, null, 'the line is not a JSON object'],
      [8, 'quantity', 'missing quantity'],
    ])
    // Rejected lines go back as they were written, one JSON line per CSV row.
    const download = await invoke(app.dispatch, 'usage:rejects-csv', { importId: result.id })
    expect(download.fileName).toBe('usage-rejects.csv')
    expect(download.text.split('\r\n')[0]).toBe('line,row_number,column,value,reason')
    expect(download.text).toContain('"[""j7""]",7,,,the line is not a JSON object')
  })

  it('reads keys named by the mapping, and gives the same result in any chunks', async () => {
    const renamed = lines.replaceAll('"customer_id"', '"account"')
    const mapping = { ...defaultMapping, customer_id: 'account' }
    const whole = await importInChunks(renamed, renamed.length, { format: 'jsonl', mapping })
    expect(whole.counts).toEqual(['completed', 8, 4, 0, 4])
    for (const size of [1, 2, 3, 13, 50]) {
      expect(await importInChunks(renamed, size, { format: 'jsonl', mapping })).toEqual(whole)
    }
  })
})
