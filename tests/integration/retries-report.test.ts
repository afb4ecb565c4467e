import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { reportCsv } from '../../src-main/retries/report'
import {
  collection,
  fail,
  insufficientFunds,
  networkDown,
  retriesTestApp,
  serverError,
  type RetriesTestApp,
} from './retries-support'

let app: RetriesTestApp
afterEach(() => app.close())

/**
 * connection_error: acme USD 119.00 after 3 attempts (09:00), globex EUR 238.00 after 1 (10:00);
 * card_error: three acme USD 59.50 declines after 1, 2 and 2 attempts (10:00);
 * api_error: an event sync, no amount (11:00); and a resolved decline that no longer counts.
 */
beforeEach(async () => {
  app = await retriesTestApp()
  const acme = await collection(app, 'acme', 10_000)
  fail(app, acme.subject)
  fail(app, acme.subject)
  fail(app, acme.subject)
  app.clock.advance(3_600_000)
  fail(app, (await collection(app, 'globex', 20_000)).subject)
  const declines = [
    (await collection(app, 'acme', 5_000)).subject,
    (await collection(app, 'acme', 5_000)).subject,
    (await collection(app, 'acme', 5_000)).subject,
  ]
  fail(app, declines[0]!, insufficientFunds)
  fail(app, declines[1]!, networkDown)
  fail(app, declines[1]!, insufficientFunds)
  fail(app, declines[2]!, serverError)
  fail(app, declines[2]!, insufficientFunds)
  app.clock.advance(3_600_000)
  fail(
    app,
    {
      operation: 'events.sync',
      outboxId: null,
      customerRowId: null,
      invoiceId: null,
      amountMinor: null,
      currency: null,
      context: {},
    },
    serverError,
  )
  const paid = fail(app, (await collection(app, 'globex', 1_000)).subject, insufficientFunds)
  await invoke(app.dispatch, 'retries:act', {
    ids: [paid.failureId],
    action: { kind: 'resolve', note: 'Paid in cash' },
  })
})

describe('the failed-payments report', () => {
  it('groups the unresolved failures by error type, most frequent first', async () => {
    const report = await invoke(app.dispatch, 'retries:report', {})
    expect(report).toEqual({
      generatedAt: '2026-11-03T11:00:00.000Z',
      groups: [
        {
          errorType: 'card_error',
          count: 3,
          oldest: '2026-11-03T10:00:00.000Z',
          // 5 attempts / 3 = 1.666…, half up to one decimal
          averageAttempts: '1.7',
          atRisk: [{ currency: 'USD', amountMinor: 17_850 }],
        },
        {
          errorType: 'connection_error',
          count: 2,
          oldest: '2026-11-03T09:00:00.000Z',
          averageAttempts: '2.0',
          atRisk: [
            { currency: 'EUR', amountMinor: 23_800 },
            { currency: 'USD', amountMinor: 11_900 },
          ],
        },
        {
          errorType: 'api_error',
          count: 1,
          oldest: '2026-11-03T11:00:00.000Z',
          averageAttempts: '1.0',
          atRisk: [],
        },
      ],
    })
  })

  it('exports as CSV: one row per error type and currency, amounts in minor units', async () => {
    const csv = await invoke(app.dispatch, 'retries:report-csv', {})
    expect(csv.fileName).toBe('failed-payments-2026-11-03.csv')
    expect(csv.text.split('\r\n')).toEqual([
      'error_type,count,oldest,average_attempts,currency,amount_at_risk_minor',
      'card_error,3,2026-11-03T10:00:00.000Z,1.7,USD,17850',
      'connection_error,2,2026-11-03T09:00:00.000Z,2.0,EUR,23800',
      'connection_error,2,2026-11-03T09:00:00.000Z,2.0,USD,11900',
      'api_error,1,2026-11-03T11:00:00.000Z,1.0,,',
      '',
    ])
  })

  it('averages exactly: 23 attempts over 20 failures is 1.15, half up 1.2 (a float gives 1.1)', async () => {
    const insert = app.db.prepare(
      `INSERT INTO payment_failure (operation, error_type, message, strategy, attempts,
         max_attempts, status, context_json, created_at, updated_at)
       VALUES ('internal', 'idempotency_error', 'seeded', 'manual', ?, ?, 'open', '{}',
         '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')`,
    )
    for (let i = 0; i < 20; i++) insert.run(i < 3 ? 2 : 1, i < 3 ? 2 : 1)
    const report = await invoke(app.dispatch, 'retries:report', {})
    expect(report.groups[0]).toMatchObject({
      errorType: 'idempotency_error',
      count: 20,
      averageAttempts: '1.2',
    })
    expect(reportCsv(report).text).toContain(
      'idempotency_error,20,2026-11-01T00:00:00.000Z,1.2,,\r\n',
    )
  })
})
