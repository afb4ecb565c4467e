import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { addEvents, finalizeBySql, linesOf } from './billing-support'
import { addCustomer, importText, usageTestApp, type UsageTestApp } from './usage-support'

let app: UsageTestApp | undefined
afterEach(() => app?.close())

/**
 * One feature per aggregation, each priced flat at $1 a unit with nothing included (seats: a
 * soft quota of 5 at $8 over it), so a line's amount in cents is 100 × its quantity.
 */
const plan = (seats: string) => `version: '1'
effectiveDate: 2026-01-01
plans:
  - id: team
    name: Team
    currency: USD
    basePrice: 0
    features:
      - code: seats
        name: Seats
        type: quota
        ${seats}
        limit: 5
        enforcement: soft
        pricing: { model: flat, unit_amount: 8 }
      - { code: api_calls, name: API calls, type: usage, pricing: { model: flat, unit_amount: 1 } }
      - { code: requests, name: Requests, type: usage, aggregation: count, pricing: { model: flat, unit_amount: 1 } }
      - { code: plan_size, name: Plan size, type: usage, aggregation: latest, pricing: { model: flat, unit_amount: 1 } }
      - { code: active_users, name: Active users, type: usage, aggregation: unique_count, aggregationProperty: user_id, pricing: { model: flat, unit_amount: 1 } }
      - { code: storage_gb, name: Storage, type: usage, aggregation: weighted_sum, pricing: { model: flat, unit_amount: 1 } }
`

/** `seats: 4` reported every day of October at 09:00: the example. */
const seatsDaily = Array.from(
  { length: 31 },
  (_, i) => `s${i},initech,seats,4,2026-10-${String(i + 1).padStart(2, '0')}T09:00:00Z,`,
)

const october = [
  ...seatsDaily,
  'a1,initech,api_calls,3,2026-10-02T00:00:00Z,',
  'a2,initech,api_calls,4,2026-10-03T00:00:00Z,',
  'r1,initech,requests,250,2026-10-02T00:00:00Z,',
  'r2,initech,requests,1,2026-10-03T00:00:00Z,',
  'r3,initech,requests,7,2026-10-04T00:00:00Z,',
  'p1,initech,plan_size,9,2026-10-02T00:00:00Z,',
  'p2,initech,plan_size,2,2026-10-30T00:00:00Z,',
  'p3,initech,plan_size,5,2026-10-12T00:00:00Z,',
  'u1,initech,active_users,1,2026-10-02T00:00:00Z,ann',
  'u2,initech,active_users,1,2026-10-03T00:00:00Z,bob',
  'u3,initech,active_users,1,2026-10-04T00:00:00Z,ann',
  'u4,initech,active_users,1,2026-10-05T00:00:00Z,cid',
  // Storage: 10 GB from before October, 40 GB from Oct 16 (15 of 31 days, then 16).
  'g0,initech,storage_gb,10,2026-09-20T00:00:00Z,',
  'g1,initech,storage_gb,40,2026-10-16T00:00:00Z,',
]

/** initech's invoice for a period (acme, on another plan, is billed by the same run). */
const invoiceOf = (period: string): number =>
  app?.db
    .prepare<[string], number>(
      `SELECT i.id FROM invoice i JOIN subscription s ON s.id = i.subscription_id
       JOIN customer c ON c.id = s.customer_id WHERE c.external_id = 'initech' AND i.period = ?`,
    )
    .pluck()
    .get(period) ?? 0

const billed = async (seats: string) => {
  app = await usageTestApp()
  await invoke(app.dispatch, 'catalog:import', { text: plan(seats) })
  addCustomer(app.db, 'initech', 'team')
  const csv = ['event_id,customer_id,metric,quantity,timestamp,user_id', ...october].join('\n')
  const { result } = await importText(app, csv)
  expect(result).toMatchObject({ imported: october.length, rejected: 0 })
  await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
  return app.db
    .prepare<
      [number],
      { feature_code: string; description: string; quantity: string; amount_minor: number }
    >(
      `SELECT feature_code, description, quantity, amount_minor FROM invoice_line
       WHERE invoice_id = ? AND kind = 'usage' ORDER BY position`,
    )
    .all(invoiceOf('2026-10'))
}

describe('billing a period by each metric’s aggregation', () => {
  it('bills seats: 4 reported daily as 4 with max, within the quota of 5', async () => {
    const lines = await billed('aggregation: max')
    expect(lines.find((l) => l.feature_code === 'seats')).toEqual({
      feature_code: 'seats',
      description: 'Seats: max of 4, within the quota of 5',
      quantity: '0',
      amount_minor: 0,
    })
  })

  it('bills seats: 4 reported daily as 4 with latest', async () => {
    const lines = await billed('aggregation: latest')
    expect(lines.find((l) => l.feature_code === 'seats')?.description).toBe(
      'Seats: latest 4, within the quota of 5',
    )
  })

  it('bills seats as 124 used, 119 over the quota, when they are summed (the default)', async () => {
    const lines = await billed('unit: seat')
    expect(lines.find((l) => l.feature_code === 'seats')).toMatchObject({
      description: 'Seats: 124 used, 119 over the quota of 5',
      quantity: '119',
      amount_minor: 119 * 800,
    })
  })

  it('prices every other aggregation from its own quantity, and says how it was counted', async () => {
    const lines = await billed('aggregation: max')
    expect(lines.map((l) => [l.feature_code, l.description, l.quantity, l.amount_minor])).toEqual([
      ['seats', 'Seats: max of 4, within the quota of 5', '0', 0],
      ['api_calls', 'API calls: 7 used', '7', 700],
      ['requests', 'Requests: 3 events', '3', 300],
      // Latest by time (Oct 30), not the last row of the file (Oct 12).
      ['plan_size', 'Plan size: latest 2', '2', 200],
      ['active_users', 'Active users: 3 unique user_id', '3', 300],
      // (10 × 15 + 40 × 16) ÷ 31 = 790 ÷ 31 = 25.483871 (to 6 places): $25.48.
      ['storage_gb', 'Storage: 25.483871 time-weighted', '25.483871', 2548],
    ])
  })

  it('adjusts a finalized period by the aggregation when a late event raises the max', async () => {
    await billed('aggregation: max')
    const db = app?.db
    if (!app || !db) return
    finalizeBySql(db, invoiceOf('2026-10'), 'MB-2026-000001')
    // 9 seats on Oct 20, known only now: the max becomes 9, 4 over the quota of 5 at $8.
    addEvents(db, 'initech', [['late-seats', 'seats', '9', '2026-10-20T00:00:00Z']], true)
    app.clock.advance(20 * 86_400_000)
    await invoke(app.dispatch, 'billing:run', { period: '2026-11' })
    const adjustment = linesOf(db, invoiceOf('2026-11')).find((l) => l.kind === 'adjustment')
    expect(adjustment).toMatchObject({ feature_code: 'seats', quantity: '5', amount_minor: 3200 })
  })
})

describe('a customer’s meters by each metric’s aggregation', () => {
  it('show seats: 4 reported daily as 4 used against the quota of 5, not 124', async () => {
    await billed('aggregation: max')
    if (!app) return
    const { meters } = await invoke(app.dispatch, 'customers:meters', {
      externalId: 'initech',
      at: '2026-10-31T12:00:00.000Z',
    })
    const used = Object.fromEntries(meters.map((m) => [m.code, m.used]))
    expect(used).toMatchObject({
      seats: '4',
      api_calls: '7',
      requests: '3',
      plan_size: '2',
      active_users: '3',
    })
  })
})

describe('the usage explorer’s chart by each metric’s aggregation', () => {
  it('counts events per day for a count, takes the day’s max for a max, and sums a sum', async () => {
    await billed('aggregation: max')
    const current = app
    if (!current) return
    addEvents(current.db, 'initech', [
      ['s-extra', 'seats', '2', '2026-10-05T10:00:00Z'],
      ['a-extra', 'api_calls', '5', '2026-10-02T10:00:00Z'],
    ])
    const series = async (metric: string) =>
      (
        await invoke(current.dispatch, 'usage:series', {
          customer: 'initech',
          metric,
          from: '2026-10-01T00:00:00Z',
          to: '2026-10-06T00:00:00Z',
        })
      ).map((p) => [p.bucket.slice(0, 10), p.quantity])
    expect(await series('requests')).toEqual([
      ['2026-10-02', '1'],
      ['2026-10-03', '1'],
      ['2026-10-04', '1'],
    ])
    expect((await series('seats')).at(-1)).toEqual(['2026-10-05', '4'])
    expect(await series('api_calls')).toEqual([
      ['2026-10-02', '8'],
      ['2026-10-03', '4'],
    ])
  })
})

describe('event properties for unique_count', () => {
  it('come from the JSON fields a JSON Lines file has beyond the mapping, numbers included', async () => {
    await billed('aggregation: max')
    const current = app
    if (!current) return
    const lines = [
      {
        event_id: 'j1',
        customer_id: 'initech',
        metric: 'active_users',
        quantity: 1,
        timestamp: '2026-11-02T00:00:00Z',
        user_id: 42,
      },
      {
        event_id: 'j2',
        customer_id: 'initech',
        metric: 'active_users',
        quantity: 1,
        timestamp: '2026-11-03T00:00:00Z',
        user_id: '42',
      },
      {
        event_id: 'j3',
        customer_id: 'initech',
        metric: 'active_users',
        quantity: 1,
        timestamp: '2026-11-04T00:00:00Z',
        user_id: 'zoe',
      },
      {
        event_id: 'j4',
        customer_id: 'initech',
        metric: 'active_users',
        quantity: 1,
        timestamp: '2026-11-05T00:00:00Z',
      },
    ]
    const text = lines.map((l) => JSON.stringify(l)).join('\n')
    const { result } = await importText(current, text, { format: 'jsonl', fileName: 'u.jsonl' })
    expect(result).toMatchObject({ imported: 4, rejected: 0 })
    const { meters } = await invoke(current.dispatch, 'customers:meters', {
      externalId: 'initech',
      at: '2026-11-10T00:00:00.000Z',
    })
    // 42 as a number and as text are one user: a property is kept as text.
    expect(meters.find((m) => m.code === 'active_users')?.used).toBe('2')
  })
})
