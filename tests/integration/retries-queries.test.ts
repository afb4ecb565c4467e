import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { dueFailuresSql, listSql, whereOf } from '../../src-main/retries/queries'
import type { FailureQuery } from '../../src-shared/domain/payments'
import { FailureQuerySchema } from '../../src-shared/domain/payments'
import {
  collection,
  fail,
  insufficientFunds,
  networkDown,
  retriesTestApp,
  type RetriesTestApp,
} from './retries-support'

let app: RetriesTestApp
let ids: { acme: number; globex: number; sync: number; resolved: number }

/**
 * At 09:00: acme's collection fails on the network (USD 119.00, automatic) and globex's is
 * declined (EUR 238.00, manual). At 12:00: an event sync fails (no amount), and another acme
 * collection fails and is then resolved.
 */
beforeEach(async () => {
  app = await retriesTestApp()
  const acme = await collection(app, 'acme', 10_000)
  const globex = await collection(app, 'globex', 20_000)
  const acmeId = fail(app, acme.subject, networkDown).failureId
  const globexId = fail(app, globex.subject, insufficientFunds).failureId
  app.clock.advance(3 * 3_600_000)
  const sync = fail(app, {
    operation: 'events.sync',
    outboxId: null,
    customerRowId: null,
    invoiceId: null,
    amountMinor: null,
    currency: null,
    context: { cursor: 0 },
  }).failureId
  const later = await collection(app, 'acme', 5_000)
  const resolved = fail(app, later.subject, networkDown).failureId
  await invoke(app.dispatch, 'retries:act', {
    ids: [resolved],
    action: { kind: 'resolve', note: 'Paid by bank transfer' },
  })
  ids = { acme: acmeId, globex: globexId, sync, resolved }
})
afterEach(() => app.close())

const list = (query: FailureQuery = {}) => invoke(app.dispatch, 'retries:list', query)
const idsOf = async (query: FailureQuery) => (await list(query)).failures.map((f) => f.id)

describe('listing failures', () => {
  it('shows the open ones by default, newest first, with the amount at risk per currency', async () => {
    const page = await list()
    expect(page.failures.map((f) => f.id)).toEqual([ids.sync, ids.globex, ids.acme])
    expect(page.total).toBe(3)
    expect(page.atRisk).toEqual([
      { currency: 'EUR', amountMinor: 23_800 },
      { currency: 'USD', amountMinor: 11_900 },
    ])
  })

  it('filters by status; a closed record puts nothing at risk', async () => {
    expect(await idsOf({ status: 'resolved' })).toEqual([ids.resolved])
    expect(await idsOf({ status: 'written_off' })).toEqual([])
    const all = await list({ status: 'all' })
    expect(all.total).toBe(4)
    expect(all.atRisk).toEqual([
      { currency: 'EUR', amountMinor: 23_800 },
      { currency: 'USD', amountMinor: 11_900 },
    ])
    expect((await list({ status: 'resolved' })).atRisk).toEqual([])
  })

  it('filters by strategy and by error type', async () => {
    expect(await idsOf({ strategy: 'manual' })).toEqual([ids.globex])
    expect(await idsOf({ strategy: 'exponential' })).toEqual([ids.sync, ids.acme])
    expect(await idsOf({ errorType: 'card_error' })).toEqual([ids.globex])
    expect(await idsOf({ errorType: 'connection_error', status: 'all' })).toEqual([
      ids.resolved,
      ids.sync,
      ids.acme,
    ])
  })

  it('filters by customer: part of the external id or the name, any case, wildcards literal', async () => {
    expect(await idsOf({ customer: 'glo' })).toEqual([ids.globex])
    expect(await idsOf({ customer: 'acme ANALYTICS' })).toEqual([ids.acme])
    expect(await idsOf({ customer: 'lyt' })).toEqual([ids.acme])
    expect(await idsOf({ customer: '%' })).toEqual([])
    expect(await idsOf({ customer: 'a_me' })).toEqual([])
  })

  it('filters by age in hours, relative to now (12:00)', async () => {
    expect(await idsOf({ minAgeHours: 3 })).toEqual([ids.globex, ids.acme])
    expect(await idsOf({ minAgeHours: 4 })).toEqual([])
    expect(await idsOf({ minAgeHours: 0 })).toEqual([ids.sync, ids.globex, ids.acme])
  })

  it('filters by amount, and sums the amount at risk over what matches', async () => {
    const page = await list({ minAmountMinor: 20_000 })
    expect(page.failures.map((f) => f.id)).toEqual([ids.globex])
    expect(page.atRisk).toEqual([{ currency: 'EUR', amountMinor: 23_800 }])
    expect(await idsOf({ minAmountMinor: 11_900 })).toEqual([ids.globex, ids.acme])
  })

  it('filters the amount per currency: 200.00 USD is not met by 238.00 EUR', async () => {
    expect(await idsOf({ currency: 'USD', minAmountMinor: 20_000 })).toEqual([])
    expect(await idsOf({ currency: 'USD', minAmountMinor: 11_900 })).toEqual([ids.acme])
    const euros = await list({ currency: 'EUR' })
    expect(euros.failures.map((f) => f.id)).toEqual([ids.globex])
    expect(euros.atRisk).toEqual([{ currency: 'EUR', amountMinor: 23_800 }])
  })

  it('pages, keeping the total of everything that matches', async () => {
    const first = await list({ limit: 2 })
    const second = await list({ limit: 2, offset: 2 })
    expect(first.failures.map((f) => f.id)).toEqual([ids.sync, ids.globex])
    expect(second.failures.map((f) => f.id)).toEqual([ids.acme])
    expect([first.total, second.total]).toEqual([3, 3])
  })
})

describe('the summary for the badge', () => {
  it('counts open and manual records, with the threshold from the settings', async () => {
    expect(await invoke(app.dispatch, 'retries:summary', {})).toEqual({
      unresolved: 3,
      manual: 1,
      threshold: 10,
      atRisk: [
        { currency: 'EUR', amountMinor: 23_800 },
        { currency: 'USD', amountMinor: 11_900 },
      ],
    })
  })
})

describe('query plans', () => {
  const plan = (sql: string, params: (string | number)[]) =>
    app.db
      .prepare<(string | number)[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((r) => r.detail)
      .join('\n')

  it('finds due automatic records through the due index', () => {
    expect(plan(dueFailuresSql, ['2026-11-03T12:00:00.000Z'])).toMatch(
      /SEARCH payment_failure USING (COVERING )?INDEX payment_failure_due \(status=\? AND strategy=\? AND next_attempt_at<\?\)/,
    )
  })

  it('filters by error type through the type index', () => {
    const where = whereOf(FailureQuerySchema.parse({ errorType: 'card_error' }), app.clock.now())
    expect(plan(listSql(where), [...where.params, 50, 0])).toMatch(
      /SEARCH f USING INDEX payment_failure_type \(status=\? AND error_type=\?\)/,
    )
  })

  it('lists by status through an index, never scanning the whole table', () => {
    const where = whereOf(FailureQuerySchema.parse({}), app.clock.now())
    const detail = plan(listSql(where), [...where.params, 50, 0])
    expect(detail).toMatch(/SEARCH f USING INDEX payment_failure_\w+ \(status=\?/)
    expect(detail).not.toMatch(/SCAN f\b/)
  })
})
