import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { addEvents } from './billing-support'
import { movesApp, type MovesApp } from './plan-moves-support'
import { ledgerRows, subscriber, versionFrom } from './what-if-support'

let app: MovesApp
beforeEach(async () => {
  // Starter v1 (19.00, calls at 0.002 after 10,000 included) and v2 (31.00, 0.003), both USD;
  // acme (30,000 calls in October) and initech (5,000) on v1.
  app = await movesApp()
})
afterEach(() => app.close())

const bill = (period: string) => invoke(app.dispatch, 'billing:run', { period })
const whatIf = (version: number) =>
  invoke(app.dispatch, 'what-if:draft', { planId: 'starter', version })
/** Version 2 with only the calls' first tier changed, 0.003 → 0.0025: the draft, version 3. */
const cheaperCallsDraft = () => versionFrom(app, 2, (json) => json.replace('0.003', '0.0025'))

describe('what-if of a draft', () => {
  beforeEach(async () => {
    // hooli on v2: 49,000 calls in October, 1,000 of them in its last second (the period ends
    // on the 31st), and 7,000 at midnight on 1 November, which October does not bill.
    subscriber(app, 'hooli', 2)
    addEvents(app.db, 'hooli', [
      ['h-1', 'api_calls', '49000', '2026-10-05T10:00:00Z'],
      ['h-2', 'api_calls', '1000', '2026-10-31T23:59:59Z'],
      ['h-3', 'api_calls', '7000', '2026-11-01T00:00:00Z'],
    ])
    // initech's contract: no included calls.
    app.db
      .prepare("UPDATE customer SET overrides_json = ? WHERE external_id = 'initech'")
      .run(JSON.stringify([{ code: 'api_calls', includedUnits: '0' }]))
    await invoke(app.dispatch, 'discounts:create', {
      externalId: 'acme',
      description: 'Loyalty',
      kind: 'percent',
      value: '10',
      duration: 'forever',
      startsWith: '2026-10',
    })
    await bill('2026-10')
    // wayne joined in November: nothing billed yet.
    subscriber(app, 'wayne', 2, { startDate: '2026-11-02' })
    await cheaperCallsDraft()
  })

  it('re-prices each subscriber’s last billed period under the draft against the invoice billed', async () => {
    const result = await whatIf(3)
    const figures = result.rows.map((r) => [
      r.externalId,
      r.planVersion,
      r.status,
      r.period,
      r.currentMinor,
      r.draftMinor,
      r.differenceMinor,
      r.differencePercent,
    ])
    expect(figures).toEqual([
      // acme (v1, 10 % off): billed 19.00 + 20,000 × 0.002 = 59.00 − 5.90 = 53.10;
      // draft 31.00 + 20,000 × 0.0025 = 81.00 − 8.10 = 72.90: +19.80, +37.3 %.
      ['acme', 1, 'compared', '2026-10', 5310, 7290, 1980, '37.3'],
      // initech (v1, no included calls): billed 19.00 + 5,000 × 0.002 = 29.00;
      // draft 31.00 + 5,000 × 0.0025 = 43.50: +14.50, +50.0 %.
      ['initech', 1, 'compared', '2026-10', 2900, 4350, 1450, '50.0'],
      // hooli (v2): billed 31.00 + 40,000 × 0.003 = 151.00; draft 31.00 + 40,000 × 0.0025 =
      // 131.00: −20.00, −13.2 %.
      ['hooli', 2, 'compared', '2026-10', 15100, 13100, -2000, '-13.2'],
      ['wayne', 2, 'not_billed', null, null, null, null, null],
    ])
    expect(result.rows.find((r) => r.externalId === 'wayne')?.reason).toBe('not billed yet')
    // The totals are the sums of the compared rows: wayne is not in them.
    expect(result.totals).toEqual([
      {
        currency: 'USD',
        customers: 3,
        currentMinor: 5310 + 2900 + 15100,
        draftMinor: 7290 + 4350 + 13100,
        differenceMinor: 1980 + 1450 - 2000,
        differencePercent: '6.1',
      },
    ])
    expect(result).toMatchObject({ planId: 'starter', version: 3, currency: 'USD' })
  })

  it('shows no difference for a draft equal to a subscriber’s version, discounts included', async () => {
    await invoke(app.dispatch, 'catalog:discard-draft', { id: 'starter' })
    await versionFrom(app, 1, (json) => json)
    const rows = (await whatIf(3)).rows.filter((r) => r.planVersion === 1)
    expect(rows.map((r) => [r.externalId, r.currentMinor, r.draftMinor])).toEqual([
      ['acme', 5310, 5310],
      ['initech', 2900, 2900],
    ])
  })

  it('re-prices a period ending on the 31st with the usage of its own days only', async () => {
    // umbrella, on v2 and anchored on the 31st: its last billed period runs from 30 September
    // (September has no 31st) to 31 October, 00:00, so the 30th of October is its last day.
    subscriber(app, 'umbrella', 2, { startDate: '2026-08-31' })
    app.db
      .prepare(
        `UPDATE subscription SET billing_anchor_day = 31 WHERE customer_id =
           (SELECT id FROM customer WHERE external_id = 'umbrella')`,
      )
      .run()
    addEvents(app.db, 'umbrella', [
      ['u-before', 'api_calls', '5000', '2026-09-29T12:00:00Z'],
      ['u-last-second', 'api_calls', '30000', '2026-10-30T23:59:59Z'],
      ['u-next', 'api_calls', '9000', '2026-10-31T00:00:00Z'],
    ])
    await bill('2026-09')
    const row = (await whatIf(3)).rows.find((r) => r.externalId === 'umbrella')
    // 30,000 calls: 31.00 + 20,000 × 0.003 = 91.00 → 31.00 + 20,000 × 0.0025 = 81.00.
    expect(row).toMatchObject({
      status: 'compared',
      period: '2026-09',
      periodStart: '2026-09-30T00:00:00.000Z',
      periodEnd: '2026-10-31T00:00:00.000Z',
      currentMinor: 9100,
      draftMinor: 8100,
      differenceMinor: -1000,
      differencePercent: '-11.0',
    })
  })

  it('gives the same answer twice and writes nothing', async () => {
    const before = ledgerRows(app)
    const first = await whatIf(3)
    const second = await whatIf(3)
    expect(second).toEqual(first)
    // Every row of every table as it was: no count changed, and no value either.
    expect(ledgerRows(app)).toEqual(before)
    expect(Object.values(before).flat().length).toBeGreaterThan(0)
  })

  it('refuses a version that is not the plan’s draft', async () => {
    await expect(whatIf(2)).rejects.toMatchObject({
      code: 'not_found',
      message: 'Plan "starter" has no draft version 2 (its draft is version 3).',
    })
  })
})

describe('what-if across currencies', () => {
  it('totals each currency apart and lists invoices in another currency without a difference', async () => {
    // Version 3: version 2 in EUR; bosch is on it with 20,000 calls in October.
    await versionFrom(app, 2, (json) => json.replace('"USD"', '"EUR"'))
    await invoke(app.dispatch, 'catalog:publish', { id: 'starter', effectiveFrom: '2026-11-01' })
    subscriber(app, 'bosch', 3, { currency: 'EUR' })
    addEvents(app.db, 'bosch', [['b-1', 'api_calls', '20000', '2026-10-07T10:00:00Z']])
    await bill('2026-10')
    // The draft, version 4: version 3 with the calls' first tier at 0.0025.
    await versionFrom(app, 3, (json) => json.replace('0.003', '0.0025'))
    const result = await whatIf(4)
    expect(
      result.rows.map((r) => [
        r.externalId,
        r.currency,
        r.status,
        r.currentMinor,
        r.draftMinor,
        r.differenceMinor,
      ]),
    ).toEqual([
      // bosch: 31.00 + 10,000 × 0.003 = 61.00 EUR → 31.00 + 10,000 × 0.0025 = 56.00 EUR.
      ['bosch', 'EUR', 'compared', 6100, 5600, -500],
      // acme and initech were billed in USD: no exchange rate makes a difference of them.
      ['acme', 'USD', 'not_comparable', 5900, null, null],
      ['initech', 'USD', 'not_comparable', 1900, null, null],
    ])
    expect(result.rows[1]?.reason).toBe('billed in USD; the draft is priced in EUR')
    expect(result.totals).toEqual([
      {
        currency: 'EUR',
        customers: 1,
        currentMinor: 6100,
        draftMinor: 5600,
        differenceMinor: -500,
        differencePercent: '-8.2',
      },
    ])
  })
})
