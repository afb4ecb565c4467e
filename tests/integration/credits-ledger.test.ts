import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  appendCreditEntry,
  creditBalance,
  expireCredits,
  openLots,
} from '../../src-main/credits/credit-ledger'
import { invoke } from '../../src-main/ipc/dispatcher'
import { lifecycleApp, subscribe, type LifecycleApp } from './subscriptions-support'

let app: LifecycleApp
let customerId: number
beforeEach(async () => {
  app = await lifecycleApp('2026-11-15T12:00:00.000Z')
  ;({ customerId } = await subscribe(app, 'acme', { planId: 'starter', startDate: '2026-10-01' }))
})
afterEach(() => app.close())

const grant = (amountMinor: number, expiresOn: string | null = null, note = '') =>
  invoke(app.dispatch, 'credits:add', {
    externalId: 'acme',
    kind: 'grant',
    amountMinor,
    expiresOn,
    note,
  })

/** What an invoice's finalization writes: credit used against it. */
const consume = (amountMinor: number) =>
  appendCreditEntry(app.ledger.db, {
    customerId,
    currency: 'USD',
    kind: 'consume',
    amountMinor: -amountMinor,
    at: app.clock.now().toISOString(),
    operator: 'tester',
  })

const expireAt = (iso: string) =>
  expireCredits(app.ledger.db, { now: new Date(iso), operator: 'scheduler' })

const balance = () => creditBalance(app.ledger.db, customerId, 'USD')

describe('the credit ledger', () => {
  it('lists the balance and every entry, newest first, with the balance after each', async () => {
    await grant(1000, null, 'Goodwill')
    await grant(250)
    const [usd, ...others] = await invoke(app.dispatch, 'credits:add', {
      externalId: 'acme',
      kind: 'refund',
      amountMinor: 400,
      note: 'Paid back by transfer',
    })
    expect(others).toEqual([])
    expect(usd).toMatchObject({ currency: 'USD', balanceMinor: 850 })
    expect(usd?.entries.map((e) => [e.kind, e.amountMinor, e.balanceMinor, e.note])).toEqual([
      ['refund', -400, 850, 'Paid back by transfer'],
      ['grant', 250, 1250, ''],
      ['grant', 1000, 1000, 'Goodwill'],
    ])
    expect(await invoke(app.dispatch, 'credits:ledger', { externalId: 'acme' })).toEqual([usd])
  })

  it("shows an empty ledger in the customer's currency", async () => {
    expect(await invoke(app.dispatch, 'credits:ledger', { externalId: 'acme' })).toEqual([
      { currency: 'USD', balanceMinor: 0, entries: [] },
    ])
  })

  it('ends a grant at the end of its expiry day in the business time zone', async () => {
    await invoke(app.dispatch, 'settings:update', { businessTimeZone: 'Europe/Berlin' })
    const [usd] = await grant(500, '2026-11-30')
    expect(usd?.entries[0]?.expiresAt).toBe('2026-11-30T22:59:59.999Z')
    expect(expireAt('2026-11-30T22:59:59.999Z')).toBe(0)
    expect(expireAt('2026-11-30T23:00:00.000Z')).toBe(1)
    expect(balance()).toBe(0)
  })

  it('refuses a refund above the balance, writing nothing', async () => {
    await grant(500)
    const refused = await app.dispatch('credits:add', {
      externalId: 'acme',
      kind: 'refund',
      amountMinor: 501,
    })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: 'Cannot refund $5.01: the credit balance is only $5.00.',
      },
    })
    expect(balance()).toBe(500)
    await invoke(app.dispatch, 'credits:add', {
      externalId: 'acme',
      kind: 'refund',
      amountMinor: 500,
    })
    expect(balance()).toBe(0)
  })

  it('does not refund credit that has expired', async () => {
    await grant(300, '2026-11-20')
    app.clock.advance(7 * 86_400_000)
    await expect(
      invoke(app.dispatch, 'credits:add', { externalId: 'acme', kind: 'refund', amountMinor: 300 }),
    ).rejects.toMatchObject({ code: 'conflict' })
  })

  it.each([
    [{ kind: 'grant', expiresOn: '2026-11-14' }, 'must be today or later'],
    [{ kind: 'refund', expiresOn: '2026-12-31' }, 'only for grants'],
  ] as const)('refuses %o', async (input, reason) => {
    await grant(100)
    await expect(
      invoke(app.dispatch, 'credits:add', { externalId: 'acme', amountMinor: 50, ...input }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { expiresOn: reason } })
  })

  it('audits an addition with the balance before and after', async () => {
    await grant(700, '2026-12-31', 'Launch promo')
    const audit = await invoke(app.dispatch, 'audit:list', {
      entityType: 'credit',
      entityId: 'acme',
    })
    expect(audit.entries[0]).toMatchObject({
      action: 'credits:add',
      before: { currency: 'USD', balanceMinor: 0 },
      after: {
        balanceMinor: 700,
        entry: { kind: 'grant', amountMinor: 700, expiresAt: '2026-12-31T23:59:59.999Z' },
      },
    })
  })
})

describe('expiry, with consumption taking the earliest-expiring credit first', () => {
  beforeEach(async () => {
    await grant(1000, '2026-11-30') // A
    await grant(500) // B: never expires
    await grant(300, '2026-11-20') // C: expires first, so it is used first
  })

  it('expires nothing of a grant that consumption used up', async () => {
    consume(600) // C 300 (all), then A 300: A 700 and B 500 left
    expect(balance()).toBe(1200)
    expect(expireAt('2026-11-21T00:00:00.000Z')).toBe(0)
    expect(expireAt('2026-12-01T00:00:00.000Z')).toBe(1)
    expect(balance()).toBe(500)
    expect(expireAt('2026-12-01T00:00:00.000Z')).toBe(0)
    const audit = await invoke(app.dispatch, 'audit:list', { action: 'credits:expire' })
    expect(audit.entries).toMatchObject([
      {
        operator: 'scheduler',
        entityId: 'acme',
        before: { balanceMinor: 1200 },
        after: { balanceMinor: 500, expiredMinor: 700 },
      },
    ])
  })

  it('expires exactly the unused remainder, once', async () => {
    consume(200) // C 100 left, A 1000, B 500
    expect(expireAt('2026-11-21T00:00:00.000Z')).toBe(1)
    expect(balance()).toBe(1500)
    consume(1100) // A 1000, then B 100: B 400 left
    expect(expireAt('2026-12-01T00:00:00.000Z')).toBe(0)
    expect(balance()).toBe(400)
    const [usd] = await invoke(app.dispatch, 'credits:ledger', { externalId: 'acme' })
    expect(usd?.entries.map((e) => [e.kind, e.amountMinor, e.balanceMinor])).toEqual([
      ['consume', -1100, 400],
      ['expire', -100, 1500],
      ['consume', -200, 1600],
      ['grant', 300, 1800],
      ['grant', 500, 1500],
      ['grant', 1000, 1000],
    ])
  })
})

describe('openLots', () => {
  it('treats a restore as a new lot, used after every earlier expiry', () => {
    const lots = openLots([
      { id: 1, amount_minor: 400, expires_at: '2026-12-01T00:00:00.000Z' },
      { id: 2, amount_minor: -400, expires_at: null },
      { id: 3, amount_minor: 150, expires_at: null },
      { id: 4, amount_minor: 100, expires_at: '2026-11-30T00:00:00.000Z' },
      { id: 5, amount_minor: -120, expires_at: null },
    ])
    expect(lots).toEqual([{ entryId: 3, expiresAt: null, remainingMinor: 130 }])
  })
})
