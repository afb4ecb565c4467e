import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { detectMapping, headerSignature } from '../../src-main/usage/mappings'
import { csv, defaultMapping, importText, usageTestApp, type UsageTestApp } from './usage-support'

let app: UsageTestApp
beforeEach(async () => {
  app = await usageTestApp()
})
afterEach(() => app.close())

describe('column mappings', () => {
  it('detects the default names and common aliases, ignoring case, spaces and underscores', () => {
    expect(detectMapping(['Event ID', 'CUSTOMER_ID', 'metric', 'Quantity', 'timestamp'])).toEqual({
      event_id: 'Event ID',
      customer_id: 'CUSTOMER_ID',
      metric: 'metric',
      quantity: 'Quantity',
      timestamp: 'timestamp',
    })
    expect(detectMapping(['id', 'account', 'meter', 'qty', 'occurred_at', 'region'])).toEqual({
      event_id: 'id',
      customer_id: 'account',
      metric: 'meter',
      quantity: 'qty',
      timestamp: 'occurred_at',
    })
    expect(
      detectMapping(['event', 'customer_external_id', 'feature', 'amount', 'ts']),
    ).toMatchObject({
      event_id: 'event',
      customer_id: 'customer_external_id',
      quantity: 'amount',
      timestamp: 'ts',
    })
    // A column the exact name claims is not used again for an alias.
    expect(detectMapping(['value', 'quantity', 'id', 'customer', 'metric', 'date'])).toMatchObject({
      quantity: 'quantity',
      timestamp: 'date',
    })
    expect(detectMapping(['id', 'customer', 'metric', 'when'])).toBeNull()
  })

  it('remembers the mapping of an import for the same set of columns, in any order', async () => {
    const headers = ['ref', 'acct', 'what', 'n', 'at']
    expect(await invoke(app.dispatch, 'usage:mapping-for', { headers })).toBeNull()
    const mapping = {
      event_id: 'ref',
      customer_id: 'acct',
      metric: 'what',
      quantity: 'n',
      timestamp: 'at',
    }
    await importText(app, csv(headers.join(';'), 'r1;acme;api_calls;1;2026-11-01T10:00:00Z'), {
      mapping,
    })
    expect(
      await invoke(app.dispatch, 'usage:mapping-for', { headers: [...headers].reverse() }),
    ).toEqual(mapping)
    const stored = app.db
      .prepare("SELECT value_json FROM setting WHERE key = 'usage.mappings'")
      .pluck()
      .get() as string
    expect(JSON.parse(stored)).toEqual({ [headerSignature(headers)]: mapping })
  })

  it('does not remember the mapping of a file refused for a missing column', async () => {
    const mapping = { ...defaultMapping, customer_id: 'acct' }
    await importText(
      app,
      csv(
        'event_id,customer,metric,quantity,timestamp',
        'e1,acme,api_calls,1,2026-11-01T10:00:00Z',
      ),
      { mapping },
    )
    expect(
      app.db.prepare("SELECT COUNT(*) FROM setting WHERE key = 'usage.mappings'").pluck().get(),
    ).toBe(0)
  })
})

describe('usage preview', () => {
  const sample =
    csv(
      'id;account;meter;qty;occurred_at;region',
      'p1;acme;api_calls;1,5;2026-11-01T10:00:00Z;eu',
      'p2;nobody;api_calls;2;2026-11-01T10:00:00Z;eu',
      'p3;acme;sms;-1;2026-11-01T10:00:00;us',
      'p1;acme;api_calls;9;2026-11-01T10:00:00Z;eu',
      'p4;acme;api_calls;1',
    ) + 'p5;acme;api_c'

  it('reads the first rows as the import would, marking each bad cell with its reason', async () => {
    const preview = await invoke(app.dispatch, 'usage:preview', { format: 'csv', sample, rows: 20 })
    expect(preview.headers).toEqual(['id', 'account', 'meter', 'qty', 'occurred_at', 'region'])
    expect(preview.delimiter).toBe(';')
    expect(preview.mapping).toEqual({
      event_id: 'id',
      customer_id: 'account',
      metric: 'meter',
      quantity: 'qty',
      timestamp: 'occurred_at',
    })
    expect(preview.rows.map((r) => [r.rowNumber, r.errors])).toEqual([
      [1, { qty: expect.stringMatching(/^quantity is not a number/) as unknown }],
      [2, { account: 'unknown customer' }],
      [
        3,
        {
          meter: expect.stringMatching(/^unknown metric/) as unknown,
          qty: 'quantity is negative',
          occurred_at: expect.stringMatching(/^timestamp has no time zone offset/) as unknown,
        },
      ],
      [4, {}],
      [5, { '': 'the row has 4 values where the header has 6 columns' }],
    ])
    expect(preview.rows[0]?.cells).toEqual({
      id: 'p1',
      account: 'acme',
      meter: 'api_calls',
      qty: '1,5',
      occurred_at: '2026-11-01T10:00:00Z',
      region: 'eu',
    })
    // Previewing writes nothing.
    expect(app.db.prepare('SELECT COUNT(*) FROM usage_import').pluck().get()).toBe(0)
  })

  it('marks an event id repeated with other content, or already imported with other content', async () => {
    const mapping = {
      event_id: 'id',
      customer_id: 'account',
      metric: 'meter',
      quantity: 'qty',
      timestamp: 'occurred_at',
    }
    await importText(
      app,
      csv('id;account;meter;qty;occurred_at;region', 'p4;acme;api_calls;7;2026-11-01T10:00:00Z;eu'),
      { mapping },
    )
    const preview = await invoke(app.dispatch, 'usage:preview', {
      format: 'csv',
      sample: csv(
        'id;account;meter;qty;occurred_at;region',
        'p1;acme;api_calls;1;2026-11-01T10:00:00Z;eu',
        'p1;acme;api_calls;2;2026-11-01T10:00:00Z;eu',
        'p1;acme;api_calls;1.0;2026-11-01T11:00:00+01:00;us',
        'p4;acme;api_calls;8;2026-11-01T10:00:00Z;eu',
        'p4;acme;api_calls;7;2026-11-01T10:00:00Z;eu',
      ),
      rows: 3 + 2,
    })
    expect(preview.rows.map((r) => r.errors)).toEqual([
      {},
      { id: 'event id repeated in this file with different content' },
      {},
      { id: 'event id already imported from another file with different content' },
      {},
    ])
  })

  it('names a mapped column the file lacks, under its field', async () => {
    const result = await app.dispatch('usage:preview', {
      format: 'csv',
      sample,
      mapping: { ...defaultMapping, event_id: 'id' },
      rows: 5,
    })
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'validation_failed',
        fields: { 'mapping.customer_id': '"customer_id" is not a column of the file' },
      },
    })
  })

  it('previews JSON Lines, with the keys of the rows as columns', async () => {
    const preview = await invoke(app.dispatch, 'usage:preview', {
      format: 'jsonl',
      sample: [
        '{"event_id":"j1","customer_id":"acme","metric":"api_calls","quantity":1.50,"timestamp":"2026-11-01T10:00:00Z"}',
        '{"event_id":"j2","customer_id":"acme","metric":"api_calls","quantity":"x","timestamp":"2026-11-01T10:00:00Z","extra":{"a":1}}',
        'oops',
        '',
      ].join('\n'),
      rows: 10,
    })
    expect(preview).toMatchObject({
      headers: ['event_id', 'customer_id', 'metric', 'quantity', 'timestamp', 'extra'],
      delimiter: null,
      mapping: defaultMapping,
    })
    expect(preview.rows.map((r) => [r.rowNumber, r.cells['quantity'], r.errors])).toEqual([
      [1, '1.50', {}],
      [2, 'x', { quantity: expect.stringMatching(/^quantity is not a number/) as unknown }],
      [3, undefined, { '': expect.stringMatching(/^the line is not valid JSON/) as unknown }],
    ])
  })
})
