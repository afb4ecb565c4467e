import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { csv, importText, usageTestApp, type UsageTestApp } from './usage-support'

let app: UsageTestApp
beforeEach(async () => {
  app = await usageTestApp()
  app.db.prepare("UPDATE customer SET name = 'Initech Holdings' WHERE external_id = 'globex'").run()
  await importText(
    app,
    csv(
      'event_id,customer_id,metric,quantity,timestamp',
      'a1,acme,api_calls,0.1,2026-10-31T23:59:59.999Z',
      'a2,acme,api_calls,0.2,2026-11-01T00:00:00Z',
      'a3,acme,api_calls,9007199254.740993,2026-11-01T13:15:00Z',
      'a4,acme,seats,3,2026-11-02T08:00:00+01:00',
      'g1,globex,sms,500,2026-11-01T05:00:00Z',
      'g2,globex,sms,250.000001,2026-11-03T05:00:00Z',
      'g3,globex,exports,1,2026-12-01T00:00:00Z',
    ),
  )
})
afterEach(() => app.close())

const ids = async (query: Parameters<typeof invoke<'usage:events'>>[2]) =>
  (await invoke(app.dispatch, 'usage:events', query)).events.map((e) => e.eventId)

describe('usage explorer totals, customer search and sorting', () => {
  it('totals each metric exactly for the filter: every event, one customer, a time range', async () => {
    expect(await invoke(app.dispatch, 'usage:totals', {})).toEqual([
      { metric: 'api_calls', quantity: '9007199255.040993', count: 3 },
      { metric: 'exports', quantity: '1', count: 1 },
      { metric: 'seats', quantity: '3', count: 1 },
      { metric: 'sms', quantity: '750.000001', count: 2 },
    ])
    expect(await invoke(app.dispatch, 'usage:totals', { customer: 'acme' })).toEqual([
      { metric: 'api_calls', quantity: '9007199255.040993', count: 3 },
      { metric: 'seats', quantity: '3', count: 1 },
    ])
    expect(
      await invoke(app.dispatch, 'usage:totals', {
        metric: 'api_calls',
        from: '2026-11-01T00:00:00Z',
        to: '2026-12-01T00:00:00Z',
      }),
    ).toEqual([{ metric: 'api_calls', quantity: '9007199254.940993', count: 2 }])
    expect(await invoke(app.dispatch, 'usage:totals', { customer: 'nobody' })).toEqual([])
  })

  it('finds customers by the start of their name or id, in any case, and nothing else', async () => {
    expect(await ids({ search: 'init' })).toEqual(['g3', 'g2', 'g1'])
    expect(await ids({ search: 'GLO' })).toEqual(['g3', 'g2', 'g1'])
    expect(await ids({ search: 'ac', metric: 'seats' })).toEqual(['a4'])
    expect(await ids({ search: 'lobex' })).toEqual([])
    expect(await ids({ search: '%' })).toEqual([])
    expect(await invoke(app.dispatch, 'usage:totals', { search: 'Initech' })).toEqual([
      { metric: 'exports', quantity: '1', count: 1 },
      { metric: 'sms', quantity: '750.000001', count: 2 },
    ])
    const series = await invoke(app.dispatch, 'usage:series', {
      search: 'ini',
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-04T00:00:00Z',
    })
    expect(series.map((p) => [p.bucket.slice(0, 10), p.metric, p.quantity])).toEqual([
      ['2026-11-01', 'sms', '500'],
      ['2026-11-03', 'sms', '250.000001'],
    ])
  })

  it('sorts on the server by time or by metric, either way, a page at a time', async () => {
    expect(await ids({})).toEqual(['g3', 'g2', 'a4', 'a3', 'g1', 'a2', 'a1'])
    expect(await ids({ sort: { field: 'time', direction: 'asc' } })).toEqual([
      'a1',
      'a2',
      'g1',
      'a3',
      'a4',
      'g2',
      'g3',
    ])
    expect(await ids({ sort: { field: 'metric', direction: 'asc' } })).toEqual([
      'a1',
      'a2',
      'a3',
      'g3',
      'a4',
      'g1',
      'g2',
    ])
    expect(
      await ids({ sort: { field: 'metric', direction: 'desc' }, limit: 3, offset: 2 }),
    ).toEqual(['a4', 'g3', 'a3'])
  })

  it('sums a chart bucket cut by the range to the part inside it (no sms at 05:00, no api call at 00:00)', async () => {
    const points = await invoke(app.dispatch, 'usage:series', {
      from: '2026-11-01T12:00:00Z',
      to: '2026-12-01T00:00:00.001Z',
    })
    expect(points).toEqual([
      { bucket: '2026-11-01T00:00:00.000Z', metric: 'api_calls', quantity: '9007199254.740993' },
      { bucket: '2026-11-02T00:00:00.000Z', metric: 'seats', quantity: '3' },
      { bucket: '2026-11-03T00:00:00.000Z', metric: 'sms', quantity: '250.000001' },
      { bucket: '2026-12-01T00:00:00.000Z', metric: 'exports', quantity: '1' },
    ])
  })
})
