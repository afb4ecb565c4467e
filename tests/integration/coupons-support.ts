import { invoke } from '../../src-main/ipc/dispatcher'
import type { CouponInput } from '../../src-shared/domain/coupons'
import type { Invoice } from '../../src-shared/domain/billing'
import { billingTestApp, type BillingTestApp } from './billing-support'

/**
 * Coupons on the billing test app: `acme` on Starter (USD, monthly from 2026-10-01: base 19.00,
 * API calls tiered after 10,000 included) and `globex` on the yearly Business plan (EUR).
 * The clock starts on 2026-09-20, before acme's first period, so a coupon redeemed then applies
 * from October.
 */
export const couponApp = async (): Promise<BillingTestApp> => {
  const app = await billingTestApp()
  setNow(app, '2026-09-20T12:00:00.000Z')
  return app
}

export const setNow = (app: BillingTestApp, iso: string): void => {
  app.clock.advance(Date.parse(iso) - app.clock.now().getTime())
}

export const createCoupon = (app: BillingTestApp, input: Partial<CouponInput> & { code: string }) =>
  invoke(app.dispatch, 'coupons:create', {
    name: 'Welcome',
    duration: 'once',
    ...(input.amountsOff ? {} : { percentOff: '20' }),
    ...input,
  })

export const redeem = (app: BillingTestApp, code: string, externalId = 'acme') =>
  invoke(app.dispatch, 'coupons:redeem', { code, externalId })

/** Bills `period` with the clock just after it ended, and returns acme's invoice for it. */
export const bill = async (app: BillingTestApp, period: string): Promise<Invoice> => {
  const [year = 0, month = 0] = period.split('-').map(Number)
  const after = new Date(Date.UTC(year, month, 2, 12))
  if (after.getTime() > app.clock.now().getTime()) setNow(app, after.toISOString())
  await invoke(app.dispatch, 'billing:run', { period })
  const id = app.db
    .prepare<[string], number>(
      `SELECT i.id FROM invoice i JOIN customer c ON c.id = i.customer_id
       WHERE c.external_id = 'acme' AND i.period = ?`,
    )
    .pluck()
    .get(period)
  if (id === undefined) throw new Error(`acme has no invoice for ${period}`)
  return invoke(app.dispatch, 'invoices:get', { id })
}

/** An invoice's discounts as [description, minor units]. */
export const discountsOf = (invoice: Invoice): [string, number][] =>
  invoice.discounts.map((d) => [d.description, d.amountMinor])
