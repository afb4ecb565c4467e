import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import {
  csv,
  importText,
  rejectsOf,
  storedEvents,
  usageTestApp,
  type UsageTestApp,
} from './usage-support'

let app: UsageTestApp
beforeEach(async () => {
  app = await usageTestApp()
})
afterEach(() => app.close())

const header = 'event_id,customer_id,metric,quantity,timestamp'

describe('usage import: what is stored', () => {
  it('stores quantities as exact millionths and instants in UTC', async () => {
    await importText(
      app,
      csv(
        header,
        'a,acme,api_calls,0.000001,2026-11-01T10:00:00.123Z',
        'b,acme,api_calls,12.5,2026-11-01T10:00:00+02:00',
        'c,acme,seats,1.500000000,2026-11-01T10:00:00-0530',
        'd,acme,api_calls,1e3,2026-11-01 10:00Z',
        'e,acme,api_calls,123456789012.25,2026-11-01T10:00:00.1234567Z',
        'f,acme,api_calls,0,2026-12-31T23:59:59-01:00',
      ),
    )
    expect(storedEvents(app.db)).toEqual([
      'a|acme|api_calls|1|2026-11-01T10:00:00.123Z|0',
      'b|acme|api_calls|12500000|2026-11-01T08:00:00.000Z|0',
      'c|acme|seats|1500000|2026-11-01T15:30:00.000Z|0',
      'd|acme|api_calls|1000000000|2026-11-01T10:00:00.000Z|0',
      'e|acme|api_calls|123456789012250000|2026-11-01T10:00:00.123Z|0',
      'f|acme|api_calls|0|2027-01-01T00:59:59.000Z|0',
    ])
  })

  it('keeps the other columns as the event properties', async () => {
    await importText(
      app,
      csv(
        `${header},region,note`,
        'e1,acme,api_calls,1,2026-11-01T10:00:00Z,eu,',
        'e2,acme,api_calls,1,2026-11-01T10:00:00Z,us,"a, b"',
      ),
    )
    const { events } = await invoke(app.dispatch, 'usage:events', {})
    expect(events.map((e) => [e.eventId, e.properties])).toEqual([
      ['e2', { region: 'us', note: 'a, b' }],
      ['e1', { region: 'eu' }],
    ])
  })

  it('counts every row read exactly once: imported, duplicate or rejected', async () => {
    const lines = Array.from({ length: 50 }, (_, i) =>
      i % 10 === 0
        ? `bad${i},nobody,api_calls,1,2026-11-01T10:00:00Z`
        : `e${i % 40},acme,api_calls,1,2026-11-01T10:00:00Z`,
    )
    const { result } = await importText(app, csv(header, ...lines))
    expect(result.read).toBe(50)
    expect(result.imported + result.duplicates + result.rejected).toBe(50)
    expect(result).toMatchObject({ rejected: 5, imported: 36, duplicates: 9 })
  })

  it('marks events before the customer was billed through as late, and counts them', async () => {
    app.db
      .prepare(
        "UPDATE subscription SET billed_through = '2026-11-01' WHERE customer_id = (SELECT id FROM customer WHERE external_id = 'acme')",
      )
      .run()
    const { result } = await importText(
      app,
      csv(
        header,
        'a,acme,api_calls,1,2026-10-31T23:59:59Z',
        'b,acme,api_calls,1,2026-11-01T00:00:00Z',
        'c,acme,api_calls,1,2026-11-01T00:30:00+01:00',
        'd,globex,sms,1,2020-01-01T00:00:00Z',
      ),
    )
    expect(result.late).toBe(2)
    expect(storedEvents(app.db).map((e) => e.split('|')[5])).toEqual(['1', '0', '1', '0'])
    const { events } = await invoke(app.dispatch, 'usage:events', { customer: 'acme' })
    // c is 23:30 UTC on Oct 31, before a.
    expect(events.filter((e) => e.late).map((e) => e.eventId)).toEqual(['a', 'c'])
  })

  it('stores plain batches and batches with late or described rows alike, group by group', async () => {
    app.db
      .prepare(
        "UPDATE subscription SET billed_through = '2026-11-01' WHERE customer_id = (SELECT id FROM customer WHERE external_id = 'acme')",
      )
      .run()
    // 120 rows: two whole groups of 50 and a rest. The first file has one described row and
    // one late row (written with both values bound), the second neither (written without).
    const at = (i: number): string => new Date(Date.UTC(2026, 10, 2, 0, i)).toISOString()
    const described = Array.from({ length: 120 }, (_, i) =>
      [`d${String(i).padStart(3, '0')}`, 'acme', 'api_calls', `${i}.5`]
        .concat(i === 75 ? '2026-10-31T12:00:00.000Z' : at(i), i === 30 ? 'north' : '')
        .join(','),
    )
    const plain = Array.from({ length: 120 }, (_, i) =>
      [`p${String(i).padStart(3, '0')}`, 'globex', 'sms', String(i), at(i)].join(','),
    )
    const first = await importText(app, csv(`${header},region`, ...described))
    const second = await importText(app, csv(header, ...plain))
    expect(first.result).toMatchObject({ imported: 120, late: 1 })
    expect(second.result).toMatchObject({ imported: 120, late: 0 })

    expect(storedEvents(app.db)).toEqual([
      ...described.map((line, i) => {
        const [id, customer, metric, quantity, ts] = line.split(',')
        const micros = BigInt(Math.round(Number(quantity) * 1e6))
        return [id, customer, metric, micros, ts, i === 75 ? 1 : 0].join('|')
      }),
      ...plain.map((line) => {
        const [id, customer, metric, quantity, ts] = line.split(',')
        return [id, customer, metric, BigInt(quantity ?? '') * 1_000_000n, ts, 0].join('|')
      }),
    ])
    expect(
      app.db
        .prepare(
          'SELECT event_id, properties_json FROM usage_event WHERE properties_json IS NOT NULL',
        )
        .raw()
        .all(),
    ).toEqual([['d030', '{"region":"north"}']])
  })

  it('audits the start and the end of an import, and announces progress', async () => {
    const { result } = await importText(
      app,
      csv(header, 'e1,acme,api_calls,1,2026-11-01T10:00:00Z'),
    )
    const audit = await invoke(app.dispatch, 'audit:list', {
      entityType: 'usage_import',
      entityId: result.id,
    })
    expect(audit.entries.map((e) => e.action)).toEqual([
      'usage:import-completed',
      'usage:import-begin',
    ])
    expect(audit.entries[0]).toMatchObject({
      operator: 'tester',
      before: { status: 'running' },
      after: { status: 'completed', read: 1, imported: 1, duplicates: 0, rejected: 0, late: 0 },
    })
    expect(audit.entries[1]?.after).toMatchObject({ fileName: 'usage.csv', policy: 'keep_valid' })
    const announced = app.emitted
      .filter((e) => e.event === 'audit:appended')
      .map((e) => e.payload)
      .filter((p) => 'action' in p && p.action.startsWith('usage:'))
    expect(announced).toEqual(audit.entries.map((e) => ({ id: e.id, action: e.action })).reverse())
    expect(app.emitted.find((e) => e.event === 'usage:import-progress')?.payload).toMatchObject({
      id: result.id,
      status: 'completed',
      read: 1,
      bytesRead: Buffer.byteLength(csv(header, 'e1,acme,api_calls,1,2026-11-01T10:00:00Z')),
    })
  })

  it('refuses a file whose header lacks a mapped column, keeping the reason as row 0', async () => {
    const { result, progress } = await importText(
      app,
      csv('id,customer_id,metric,quantity,timestamp', 'e1,acme,api_calls,1,2026-11-01T10:00:00Z'),
    )
    expect(progress.at(-1)?.status).toBe('refused')
    expect(result).toMatchObject({ status: 'refused', read: 0, imported: 0 })
    expect(await rejectsOf(app, result.id)).toMatchObject([
      {
        rowNumber: 0,
        raw: 'id,customer_id,metric,quantity,timestamp',
        reason: expect.stringMatching(/no column "event_id" \(for event_id\)/) as unknown,
      },
    ])
  })

  it('refuses an empty file', async () => {
    const { result } = await importText(app, '')
    expect(result.status).toBe('refused')
    expect((await rejectsOf(app, result.id))[0]?.reason).toBe(
      'The file is empty: it has no header row.',
    )
  })

  it('refuses a mapping that uses one column for two fields', async () => {
    const result = await app.dispatch('usage:import-begin', {
      fileName: 'x.csv',
      format: 'csv',
      policy: 'keep_valid',
      mapping: { event_id: 'id', customer_id: 'id', metric: 'm', quantity: 'q', timestamp: 't' },
    })
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'validation_failed',
        fields: { 'mapping.customer_id': '"id" is already mapped to event_id' },
      },
    })
  })

  it('answers a chunk for an import that has ended with a conflict', async () => {
    const { result } = await importText(
      app,
      csv(header, 'e1,acme,api_calls,1,2026-11-01T10:00:00Z'),
    )
    const again = await app.dispatch('usage:import-chunk', {
      importId: result.id,
      text: 'x',
      last: true,
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(
      await app.dispatch('usage:import-chunk', { importId: 'nope', text: 'x', last: true }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
  })
})
