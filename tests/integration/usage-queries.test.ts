import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { aggregateAll, aggregateUsage, METRIC_USED_SQL } from '../../src-main/usage/queries'
import { addCustomer, csv, importText, usageTestApp, type UsageTestApp } from './usage-support'

let app: UsageTestApp
let acme: number
beforeEach(async () => {
  app = await usageTestApp()
  acme = app.db
    .prepare("SELECT id FROM customer WHERE external_id = 'acme'")
    .pluck()
    .get() as number
  await importText(
    app,
    csv(
      'event_id,customer_id,metric,quantity,timestamp,region',
      'a1,acme,api_calls,0.1,2026-10-31T23:59:59.999Z,eu',
      'a2,acme,api_calls,0.2,2026-11-01T00:00:00Z,eu',
      'a3,acme,api_calls,9007199254.740993,2026-11-01T13:15:00Z,',
      'a4,acme,seats,3,2026-11-02T08:00:00+01:00,',
      'g1,globex,sms,500,2026-11-01T05:00:00Z,us',
      'g2,globex,sms,250.000001,2026-11-03T05:00:00Z,us',
      'g3,globex,exports,1,2026-12-01T00:00:00Z,us',
    ),
  )
})
afterEach(() => app.close())

describe('usage explorer', () => {
  it('lists events newest first, filtered by customer, metric and [from, to), with the total', async () => {
    const page = await invoke(app.dispatch, 'usage:events', {
      customer: 'acme',
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-02T08:00:00+01:00',
    })
    expect(page.total).toBe(2)
    expect(page.events).toEqual([
      expect.objectContaining({
        eventId: 'a3',
        customerId: 'acme',
        quantity: '9007199254.740993',
        timestamp: '2026-11-01T13:15:00.000Z',
        late: false,
        properties: null,
      }),
      expect.objectContaining({ eventId: 'a2', quantity: '0.2', properties: { region: 'eu' } }),
    ])
    const metric = await invoke(app.dispatch, 'usage:events', {
      metric: 'sms',
      limit: 1,
      offset: 1,
    })
    expect([metric.total, metric.events.map((e) => e.eventId)]).toEqual([2, ['g1']])
    expect(await invoke(app.dispatch, 'usage:events', { customer: 'nobody' })).toEqual({
      events: [],
      total: 0,
    })
  })

  it('sums per day or hour and metric, exactly', async () => {
    const days = await invoke(app.dispatch, 'usage:series', {
      from: '2026-10-31T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
    })
    expect(days).toEqual([
      { bucket: '2026-10-31T00:00:00.000Z', metric: 'api_calls', quantity: '0.1' },
      { bucket: '2026-11-01T00:00:00.000Z', metric: 'api_calls', quantity: '9007199254.940993' },
      { bucket: '2026-11-01T00:00:00.000Z', metric: 'sms', quantity: '500' },
      { bucket: '2026-11-02T00:00:00.000Z', metric: 'seats', quantity: '3' },
      { bucket: '2026-11-03T00:00:00.000Z', metric: 'sms', quantity: '250.000001' },
    ])
    const hours = await invoke(app.dispatch, 'usage:series', {
      customer: 'acme',
      metric: 'api_calls',
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-02T00:00:00Z',
      bucket: 'hour',
    })
    expect(hours.map((p) => [p.bucket, p.quantity])).toEqual([
      ['2026-11-01T00:00:00.000Z', '0.2'],
      ['2026-11-01T13:00:00.000Z', '9007199254.740993'],
    ])
  })

  it('lists the metrics that have usage', async () => {
    expect(await invoke(app.dispatch, 'usage:metrics', {})).toEqual([
      'api_calls',
      'exports',
      'seats',
      'sms',
    ])
  })

  it('lists imports newest first, and their rejects page by page and as CSV in the original columns', async () => {
    app.clock.advance(60_000)
    const { result } = await importText(
      app,
      csv(
        'event_id;customer_id;metric;quantity;timestamp;note',
        'x1;nobody;api_calls;1;2026-11-01T10:00:00Z;"a;b"',
        'x2;acme;api_calls;"1,5";2026-11-01T10:00:00Z;"say ""hi"""',
        'x3;acme;api_calls;1',
      ),
      { fileName: 'october.csv' },
    )
    const { imports, total } = await invoke(app.dispatch, 'usage:imports', { limit: 1 })
    expect([total, imports[0]?.id, imports[0]?.fileName]).toEqual([2, result.id, 'october.csv'])
    const page = await invoke(app.dispatch, 'usage:rejects', {
      importId: result.id,
      limit: 2,
      offset: 1,
    })
    expect([page.total, page.rows.map((r) => r.rowNumber)]).toEqual([3, [2, 3]])

    const download = await invoke(app.dispatch, 'usage:rejects-csv', { importId: result.id })
    expect(download.fileName).toBe('october-rejects.csv')
    expect(Papa.parse(download.text.trim()).data).toEqual([
      [
        'event_id',
        'customer_id',
        'metric',
        'quantity',
        'timestamp',
        'note',
        'row_number',
        'column',
        'value',
        'reason',
      ],
      [
        'x1',
        'nobody',
        'api_calls',
        '1',
        '2026-11-01T10:00:00Z',
        'a;b',
        '1',
        'customer_id',
        'nobody',
        'unknown customer',
      ],
      [
        'x2',
        'acme',
        'api_calls',
        '1,5',
        '2026-11-01T10:00:00Z',
        'say "hi"',
        '2',
        'quantity',
        '1,5',
        expect.stringMatching(/^quantity is not a number/),
      ],
      [
        'x3',
        'acme',
        'api_calls',
        '1',
        '',
        '',
        '3',
        '',
        '',
        'the row has 4 values where the header has 6 columns',
      ],
    ])
  })
})

describe('usage aggregation for billing', () => {
  it('sums, counts and takes the maximum per metric in [from, to), exactly', () => {
    expect(
      aggregateUsage(app.db, {
        customerId: acme,
        from: '2026-11-01T00:00:00Z',
        to: '2026-12-01T00:00:00Z',
      }),
    ).toEqual([
      { metric: 'api_calls', sum: '9007199254.940993', count: 2, max: '9007199254.740993' },
      { metric: 'seats', sum: '3', count: 1, max: '3' },
    ])
    expect(
      aggregateUsage(app.db, {
        customerId: acme,
        from: '2026-10-01T00:00:00Z',
        to: '2026-11-01T00:00:00Z',
      }),
    ).toEqual([{ metric: 'api_calls', sum: '0.1', count: 1, max: '0.1' }])
  })

  it('aggregates every customer at once, and can take late events apart', () => {
    const globex = app.db
      .prepare("SELECT id FROM customer WHERE external_id = 'globex'")
      .pluck()
      .get() as number
    const quiet = addCustomer(app.db, 'quiet', 'starter')
    const all = aggregateAll(app.db, { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' })
    expect(all).toEqual([
      {
        customerId: acme,
        metric: 'api_calls',
        sum: '9007199254.940993',
        count: 2,
        max: '9007199254.740993',
      },
      { customerId: acme, metric: 'seats', sum: '3', count: 1, max: '3' },
      { customerId: globex, metric: 'sms', sum: '750.000001', count: 2, max: '500' },
    ])
    expect(all.some((a) => a.customerId === quiet)).toBe(false)
    expect(
      aggregateAll(app.db, {
        from: '2026-11-01T00:00:00Z',
        to: '2026-12-01T00:00:00Z',
        late: true,
      }),
    ).toEqual([])
  })

  it.each([
    [
      "one customer's usage in a period (billing)",
      'SELECT metric, SUM(quantity_micros), COUNT(*), MAX(quantity_micros) FROM usage_event WHERE customer_id = ? AND ts >= ? AND ts < ? GROUP BY metric ORDER BY metric',
      'COVERING INDEX usage_event_customer_metric_ts',
    ],
    [
      "one customer's metric in a window (rate limits)",
      'SELECT ts, quantity_micros FROM usage_event WHERE customer_id = ? AND metric = ? AND ts > ? AND ts <= ?',
      'COVERING INDEX usage_event_customer_metric_ts',
    ],
    [
      'the explorer, newest first',
      'SELECT * FROM usage_event e ORDER BY e.ts DESC, e.rowid DESC LIMIT 50',
      'INDEX usage_event_ts',
    ],
  ])('answers %s from an index', (_what, sql, index) => {
    const plan = app.db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 'x'))
      .map((row) => (row as { detail: string }).detail)
      .join('\n')
    expect(plan).toContain(`USING ${index}`)
    expect(plan).not.toMatch(/SCAN usage_event(?! USING)/)
  })

  it('finds the metrics by seeking along the index rather than reading every event', () => {
    const plan = app.db
      .prepare(`EXPLAIN QUERY PLAN ${METRIC_USED_SQL}`)
      .all('x')
      .map((row) => (row as { detail: string }).detail)
      .join('\n')
    expect(plan).toContain(
      'SEARCH e USING COVERING INDEX usage_event_customer_metric_ts (customer_id=? AND metric=?)',
    )
  })
})
