import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { documentPdf } from '../../src-main/invoices/documents'
import { textRuns } from './pdf-text'
import { addEvents, finalizeBySql, type BillingTestApp } from './billing-support'
import { bill, couponApp, createCoupon, discountsOf, redeem, setNow } from './coupons-support'

let app: BillingTestApp
beforeEach(async () => {
  app = await couponApp()
})
afterEach(() => app.close())

describe('coupons on invoices', () => {
  it('take a percent off a tiered invoice as their own discount line, rounded once', async () => {
    await createCoupon(app, { code: 'welcome20', percentOff: '20' })
    await redeem(app, 'WELCOME20')
    // 123,457 calls − 10,000 included: 100,000 × 0.002 + 13,457 × 0.0015 = 220.1855 → 220.19.
    addEvents(app.db, 'acme', [['t1', 'api_calls', '123457', '2026-10-10T10:00:00Z']])
    const invoice = await bill(app, '2026-10')
    expect(invoice.lines.map((l) => [l.kind, l.amountMinor])).toEqual([
      ['base', 1900],
      ['usage', 22019],
    ])
    // 20 % of 239.19 = 47.838 → 47.84, rounded once on the discount, not per line.
    expect(discountsOf(invoice)).toEqual([['Coupon WELCOME20: 20 % off', 4784]])
    expect(invoice).toMatchObject({
      subtotalMinor: 23919,
      discountMinor: 4784,
      creditMinor: 0,
      taxMinor: 0,
      totalMinor: 19135,
    })
  })

  it('take an amount off down to zero, the rest not carried to the next period', async () => {
    await createCoupon(app, { code: 'BIG', amountsOff: [{ currency: 'USD', amountMinor: 50000 }] })
    await redeem(app, 'BIG')
    const october = await bill(app, '2026-10')
    expect(discountsOf(october)).toEqual([['Coupon BIG: $500.00 off', 1900]])
    expect(october.totalMinor).toBe(0)
    const november = await bill(app, '2026-11')
    expect(discountsOf(november)).toEqual([])
    expect(november.totalMinor).toBe(1900)
  })

  it('repeating 3: on three billed periods of four', async () => {
    await createCoupon(app, {
      code: 'THREE',
      percentOff: '10',
      duration: 'repeating',
      periods: 3,
    })
    await redeem(app, 'THREE')
    const discounts: number[] = []
    for (const period of ['2026-10', '2026-11', '2026-12', '2027-01'])
      discounts.push((await bill(app, period)).discountMinor)
    expect(discounts).toEqual([190, 190, 190, 0])
  })

  it('forever: on every period', async () => {
    await createCoupon(app, { code: 'ALWAYS', percentOff: '50', duration: 'forever' })
    await redeem(app, 'ALWAYS')
    for (const period of ['2026-10', '2026-11', '2026-12'])
      expect((await bill(app, period)).discountMinor).toBe(950)
  })

  it('removed from the customer, is not on later periods; the invoice that has it keeps it', async () => {
    await createCoupon(app, { code: 'ALWAYS', percentOff: '50', duration: 'forever' })
    const redeemed = await redeem(app, 'ALWAYS')
    const october = await bill(app, '2026-10')
    finalizeBySql(app.db, october.id, 'MB-2026-0001')
    await invoke(app.dispatch, 'coupons:remove', { id: redeemed.id })
    expect(discountsOf(await bill(app, '2026-11'))).toEqual([])
    const kept = await invoke(app.dispatch, 'invoices:get', { id: october.id })
    expect(discountsOf(kept)).toEqual([['Coupon ALWAYS: 50 % off', 950]])
    const audit = await invoke(app.dispatch, 'audit:list', {
      entityType: 'coupon',
      entityId: 'ALWAYS',
    })
    expect(audit.entries[0]).toMatchObject({ action: 'coupons:remove' })
  })

  it('a rerun of a period does not use up another period of the coupon', async () => {
    await createCoupon(app, { code: 'TWICE', duration: 'repeating', periods: 2 })
    await redeem(app, 'TWICE')
    await bill(app, '2026-10')
    addEvents(app.db, 'acme', [['r1', 'api_calls', '20000', '2026-10-10T10:00:00Z']])
    // The October draft is computed again (new usage): the coupon stays on it, counted once.
    const rerun = await bill(app, '2026-10')
    expect(discountsOf(rerun)).toEqual([['Coupon TWICE: 20 % off', 780]])
    expect(discountsOf(await bill(app, '2026-11'))).toEqual([['Coupon TWICE: 20 % off', 380]])
    expect(discountsOf(await bill(app, '2026-12'))).toEqual([])
  })

  it('a voided invoice gives its period back', async () => {
    await createCoupon(app, { code: 'ONCE' })
    await redeem(app, 'ONCE')
    const october = await bill(app, '2026-10')
    expect(october.discountMinor).toBe(380)
    finalizeBySql(app.db, october.id, 'MB-2026-0001')
    await invoke(app.dispatch, 'invoices:void', { id: october.id, reason: 'Billed by mistake' })
    expect(discountsOf(await bill(app, '2026-11'))).toEqual([['Coupon ONCE: 20 % off', 380]])
    expect(discountsOf(await bill(app, '2026-12'))).toEqual([])
  })

  it('redeemed in the middle of a period, applies from the next one', async () => {
    await createCoupon(app, { code: 'LATE' })
    setNow(app, '2026-10-15T09:00:00.000Z')
    expect((await redeem(app, 'LATE')).startsWith).toBe('2026-11')
    expect(discountsOf(await bill(app, '2026-10'))).toEqual([])
    expect(discountsOf(await bill(app, '2026-11'))).toEqual([['Coupon LATE: 20 % off', 380]])
  })

  it('redeemed as a period starts, applies to that period', async () => {
    await createCoupon(app, { code: 'ONTIME' })
    setNow(app, '2026-11-01T00:00:00.000Z')
    expect((await redeem(app, 'ONTIME')).startsWith).toBe('2026-11')
  })

  it('show on the PDF and in the lines CSV, and are reported per currency', async () => {
    await createCoupon(app, { code: 'WELCOME20' })
    await redeem(app, 'WELCOME20')
    const october = await bill(app, '2026-10')
    const { pdf } = await documentPdf(app.db, { id: october.id }, { compress: false })
    // The description wraps in its column: the runs joined read as one line.
    expect(textRuns(pdf).join('')).toContain('Discount: Coupon WELCOME20: 20 % off-$3.80')
    const csv = await invoke(app.dispatch, 'invoices:export-csv', {
      period: '2026-10',
      lines: true,
    })
    expect(csv.text.split('\r\n').filter((row) => row.includes('acme'))).toEqual([
      ',acme,,"Starter base fee, 1–31 Oct 2026",1,1900',
      ',acme,api_calls,"API calls: 0 used, 10,000 included",0,0',
      ',acme,discount,Coupon WELCOME20: 20 % off,1,-380',
    ])
    const [listed] = await invoke(app.dispatch, 'coupons:list', {})
    expect(listed).toMatchObject({
      code: 'WELCOME20',
      redemptions: 1,
      discounted: [{ currency: 'USD', amountMinor: 380 }],
    })
    const detail = await invoke(app.dispatch, 'coupons:get', { code: 'welcome20' })
    expect(detail.redemptionList).toMatchObject([
      {
        customerId: 'acme',
        startsWith: '2026-10',
        applied: 1,
        active: true,
        discounted: [{ currency: 'USD', amountMinor: 380 }],
      },
    ])
  })
})
