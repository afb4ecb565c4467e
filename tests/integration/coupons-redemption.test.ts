import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { addCustomer } from './usage-support'
import type { BillingTestApp } from './billing-support'
import { couponApp, createCoupon, redeem, setNow } from './coupons-support'

let app: BillingTestApp
beforeEach(async () => {
  app = await couponApp()
})
afterEach(() => app.close())

/** The error a redemption is refused with: code and message. */
const refusal = async (code: string, externalId = 'acme') => {
  const result = await app.dispatch('coupons:redeem', { code, externalId })
  if (result.ok) throw new Error(`${code} was redeemed on ${externalId}`)
  return { code: result.error.code, message: result.error.message }
}

describe('coupon codes', () => {
  it('are trimmed, upper-cased and unique without regard to case', async () => {
    const created = await createCoupon(app, { code: '  welcome-20_a ' })
    expect(created).toMatchObject({ code: 'WELCOME-20_A', kind: 'percent', percentOff: '20' })
    const again = await app.dispatch('coupons:create', {
      code: 'Welcome-20_A',
      name: 'Again',
      percentOff: '10',
      duration: 'once',
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect((await redeem(app, ' welcome-20_a')).code).toBe('WELCOME-20_A')
  })

  it.each([
    ['a code with a space', { code: 'WEL COME', percentOff: '10' }, 'code'],
    ['a code of 41 characters', { code: 'A'.repeat(41), percentOff: '10' }, 'code'],
    ['zero percent', { code: 'ZERO', percentOff: '0' }, 'percentOff'],
    ['over 100 percent', { code: 'MORE', percentOff: '100.01' }, 'percentOff'],
    [
      'both kinds',
      { code: 'BOTH', percentOff: '10', amountsOff: [{ currency: 'USD', amountMinor: 1 }] },
      'percentOff',
    ],
    [
      'an amount past the bound',
      { code: 'HUGE', amountsOff: [{ currency: 'USD', amountMinor: 10_000_000_000_001 }] },
      'amountsOff[0].amountMinor',
    ],
    [
      'an unknown currency',
      { code: 'XXQ', amountsOff: [{ currency: 'QQQ', amountMinor: 100 }] },
      'amountsOff[0].currency',
    ],
    [
      'repeating without periods',
      { code: 'REP', percentOff: '10', duration: 'repeating' },
      'periods',
    ],
  ] as const)('refuse %s', async (_, input, field) => {
    const result = await app.dispatch('coupons:create', {
      name: 'Bad',
      duration: 'once',
      ...input,
    })
    expect(result.ok ? null : result.error.code).toBe('validation_failed')
    expect(result.ok ? {} : result.error.fields).toHaveProperty([field])
  })

  it('take 100 percent and refuse unknown plans', async () => {
    expect((await createCoupon(app, { code: 'FREE', percentOff: '100' })).percentOff).toBe('100')
    const result = await app.dispatch('coupons:create', {
      code: 'NOPLAN',
      name: 'x',
      percentOff: '5',
      duration: 'once',
      plans: ['nope'],
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'validation_failed' } })
  })
})

describe('redeeming a coupon', () => {
  it('is refused after its expiry day, as the business time zone counts days', async () => {
    await invoke(app.dispatch, 'settings:update', { businessTimeZone: 'America/New_York' })
    addCustomer(app.db, 'initech', 'starter')
    await createCoupon(app, { code: 'OCTOBER', expiresOn: '2026-10-31', maxRedemptions: 5 })
    // 03:00 UTC on 1 November is still 23:00 on 31 October in New York: the last day.
    setNow(app, '2026-11-01T03:00:00.000Z')
    expect((await redeem(app, 'OCTOBER')).customerId).toBe('acme')
    // 04:30 UTC is 00:30 on 1 November there (daylight time until 06:00 UTC).
    setNow(app, '2026-11-01T04:30:00.000Z')
    expect(await refusal('OCTOBER', 'initech')).toEqual({
      code: 'conflict',
      message: 'Coupon OCTOBER expired on 2026-10-31 and cannot be redeemed any more.',
    })
  })

  it('is refused for a plan it does not allow, and allowed for one it does', async () => {
    await createCoupon(app, { code: 'BIZ', plans: ['business'], maxRedemptions: 2 })
    expect(await refusal('BIZ')).toEqual({
      code: 'conflict',
      message: 'Coupon BIZ is only for the plans business; acme is on starter.',
    })
    expect((await redeem(app, 'BIZ', 'globex')).customerId).toBe('globex')
  })

  it('of an amount off is refused in a currency it has no amount for', async () => {
    await createCoupon(app, { code: 'TEN', amountsOff: [{ currency: 'USD', amountMinor: 1000 }] })
    expect(await refusal('TEN', 'globex')).toEqual({
      code: 'conflict',
      message: 'Coupon TEN has no amount off in EUR, the currency globex is billed in.',
    })
    const redeemed = await redeem(app, 'TEN')
    const [discount] = await invoke(app.dispatch, 'discounts:list', { externalId: 'acme' })
    expect(discount).toMatchObject({
      id: redeemed.discountId,
      description: 'Coupon TEN: $10.00 off',
      kind: 'fixed',
      value: '1000',
      startsWith: '2026-10',
    })
  })

  it('is refused while the coupon is already active on the subscription', async () => {
    await createCoupon(app, { code: 'ONCE' })
    const first = await redeem(app, 'ONCE')
    expect(await refusal('ONCE')).toEqual({
      code: 'conflict',
      message: "Coupon ONCE is already active on acme's subscription.",
    })
    const removed = await invoke(app.dispatch, 'coupons:remove', { id: first.id })
    expect(removed.active).toBe(false)
    expect((await redeem(app, 'ONCE')).active).toBe(true)
  })

  it('is refused past the limit, removed redemptions counting', async () => {
    addCustomer(app.db, 'initech', 'starter')
    await createCoupon(app, { code: 'TWO', maxRedemptions: 2 })
    const first = await redeem(app, 'TWO')
    await invoke(app.dispatch, 'coupons:remove', { id: first.id })
    await redeem(app, 'TWO', 'globex')
    expect(await refusal('TWO', 'initech')).toEqual({
      code: 'conflict',
      message: 'Coupon TWO has reached its limit of 2 redemptions.',
    })
    expect((await invoke(app.dispatch, 'coupons:get', { code: 'two' })).redemptions).toBe(2)
  })

  it('past the limit is refused by the ledger too, whatever wrote it', async () => {
    const coupon = await createCoupon(app, { code: 'LAST', maxRedemptions: 1 })
    const first = await redeem(app, 'LAST')
    const write = () =>
      app.db
        .prepare(
          `INSERT INTO coupon_redemption (coupon_id, customer_id, subscription_id, discount_id,
             redeemed_at, operator)
           SELECT ?, customer_id, subscription_id, discount_id, 'x', 'x' FROM coupon_redemption`,
        )
        .run(coupon.id)
    expect(write).toThrow('the coupon has reached its redemption limit')
    expect(first.id).toBeGreaterThan(0)
  })

  it('is refused once archived; archiving is audited and redemptions stay', async () => {
    await createCoupon(app, { code: 'OLD', maxRedemptions: 3 })
    await redeem(app, 'OLD')
    const archived = await invoke(app.dispatch, 'coupons:archive', { code: 'old' })
    expect(archived.archivedAt).toBe('2026-09-20T12:00:00.000Z')
    expect(await refusal('OLD', 'globex')).toEqual({
      code: 'conflict',
      message: 'Coupon OLD is archived and cannot be redeemed.',
    })
    expect(await invoke(app.dispatch, 'coupons:list', {})).toEqual([])
    expect(await invoke(app.dispatch, 'coupons:list', { includeArchived: true })).toMatchObject([
      { code: 'OLD', redemptions: 1 },
    ])
    const audit = await invoke(app.dispatch, 'audit:list', {
      entityType: 'coupon',
      entityId: 'OLD',
    })
    expect(audit.entries.map((e) => e.action).sort()).toEqual([
      'coupons:archive',
      'coupons:create',
      'coupons:redeem',
    ])
    // Redeemed once: the coupon's row cannot be deleted.
    expect(() => app.db.prepare("DELETE FROM coupon WHERE code = 'OLD'").run()).toThrow(
      /FOREIGN KEY/,
    )
  })
})
