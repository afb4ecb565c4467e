import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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

describe('usage import: rejected rows', () => {
  it.each([
    [
      'missing event id',
      ',acme,api_calls,1,2026-11-01T10:00:00Z',
      'event_id',
      '',
      /^missing event id$/,
    ],
    [
      'unknown customer',
      'e1,nobody,api_calls,1,2026-11-01T10:00:00Z',
      'customer_id',
      'nobody',
      /^unknown customer$/,
    ],
    [
      'missing customer',
      'e1,,api_calls,1,2026-11-01T10:00:00Z',
      'customer_id',
      '',
      /^missing customer$/,
    ],
    [
      'a metric not in the plan',
      'e1,acme,sms,1,2026-11-01T10:00:00Z',
      'metric',
      'sms',
      /^unknown metric: .*\(starter v1\)$/,
    ],
    [
      'a boolean feature as metric',
      'e1,acme,sso,1,2026-11-01T10:00:00Z',
      'metric',
      'sso',
      /^unknown metric/,
    ],
    ['missing metric', 'e1,acme,,1,2026-11-01T10:00:00Z', 'metric', '', /^missing metric$/],
    [
      'missing quantity',
      'e1,acme,api_calls,,2026-11-01T10:00:00Z',
      'quantity',
      '',
      /^missing quantity$/,
    ],
    [
      'a non-numeric quantity',
      'e1,acme,api_calls,ten,2026-11-01T10:00:00Z',
      'quantity',
      'ten',
      /^quantity is not a number/,
    ],
    [
      'a decimal comma',
      'e1,acme,api_calls,"1,5",2026-11-01T10:00:00Z',
      'quantity',
      '1,5',
      /^quantity is not a number/,
    ],
    [
      'a negative quantity',
      'e1,acme,api_calls,-2,2026-11-01T10:00:00Z',
      'quantity',
      '-2',
      /^quantity is negative$/,
    ],
    [
      'seven decimal places',
      'e1,acme,api_calls,0.0000001,2026-11-01T10:00:00Z',
      'quantity',
      '0.0000001',
      /^quantity has more than 6 decimal places$/,
    ],
    [
      'a timestamp without offset',
      'e1,acme,api_calls,1,2026-11-01T10:00:00',
      'timestamp',
      '2026-11-01T10:00:00',
      /^timestamp has no time zone offset/,
    ],
    [
      'a date that does not exist',
      'e1,acme,api_calls,1,2026-02-30T10:00:00Z',
      'timestamp',
      '2026-02-30T10:00:00Z',
      /^timestamp is not a valid date and time$/,
    ],
    [
      'not a timestamp',
      'e1,acme,api_calls,1,yesterday',
      'timestamp',
      'yesterday',
      /^timestamp is not an ISO 8601 timestamp/,
    ],
    ['missing timestamp', 'e1,acme,api_calls,1,', 'timestamp', '', /^missing timestamp$/],
  ])(
    'rejects %s, naming the row, column, value and reason',
    async (_what, row, column, value, reason) => {
      const { result } = await importText(
        app,
        csv(header, 'ok1,acme,api_calls,1,2026-11-01T09:00:00Z', row),
      )
      expect(result).toMatchObject({ status: 'completed', read: 2, imported: 1, rejected: 1 })
      const [reject] = await rejectsOf(app, result.id)
      expect(reject).toMatchObject({ rowNumber: 2, column, value, raw: row })
      expect(reject?.reason).toMatch(reason)
    },
  )

  it('rejects a row with the wrong number of values as a whole', async () => {
    const { result } = await importText(
      app,
      csv(header, 'e1,acme,api_calls,1', 'e2,acme,api_calls,1,2026-11-01T10:00:00Z,x'),
    )
    expect(await rejectsOf(app, result.id)).toMatchObject([
      { rowNumber: 1, column: null, reason: 'the row has 4 values where the header has 5 columns' },
      { rowNumber: 2, column: null, reason: 'the row has 6 values where the header has 5 columns' },
    ])
  })

  it('tells a repeated event id with the same content (a duplicate) from one with different content (rejected)', async () => {
    const { result } = await importText(
      app,
      csv(
        header,
        'e1,acme,api_calls,12.5,2026-11-01T10:00:00Z',
        // The same event written differently is the same event.
        'e1,acme,api_calls,12.500,2026-11-01T11:00:00+01:00',
        'e1,acme,api_calls,13,2026-11-01T10:00:00Z',
      ),
    )
    expect(result).toMatchObject({ read: 3, imported: 1, duplicates: 1, rejected: 1 })
    expect(await rejectsOf(app, result.id)).toMatchObject([
      {
        rowNumber: 3,
        column: 'event_id',
        value: 'e1',
        reason: 'event id repeated in this file with different content',
      },
    ])
  })

  it('rejects an event id imported before from another file with different content', async () => {
    const first = await importText(app, csv(header, 'e1,acme,api_calls,1,2026-11-01T10:00:00Z'))
    const { result } = await importText(
      app,
      csv(
        header,
        'e1,acme,api_calls,2,2026-11-01T10:00:00Z',
        'e1,globex,sms,1,2026-11-01T10:00:00Z',
      ),
    )
    expect(result).toMatchObject({ read: 2, imported: 0, duplicates: 0, rejected: 2 })
    const rejects = await rejectsOf(app, result.id)
    expect(rejects.map((r) => r.reason)).toEqual([
      `event id already imported from another file (import ${first.result.id}) with different content`,
      `event id already imported from another file (import ${first.result.id}) with different content`,
    ])
    expect(storedEvents(app.db)).toEqual(['e1|acme|api_calls|1000000|2026-11-01T10:00:00.000Z|0'])
  })
})
