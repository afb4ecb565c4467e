import type Database from 'better-sqlite3'
import type { Interval } from '../../src-shared/domain/catalog'
import type { Coupon } from '../../src-shared/domain/coupons'
import { formatMinor } from '../../src-shared/money'
import { dayOf } from '../calendar/business-days'
import { periodAt, periodKeyOf } from '../calendar/periods'
import { customerRef } from '../credits/customer-ref'
import { insertDiscount } from '../credits/discounts'
import { AppError } from '../errors'
import { activeOn, insertRedemption } from './coupon-store'

type Subscription = {
  id: number
  planId: string
  status: string
  startDate: string
  anchorDay: number
  currency: string
  termsJson: string
}

const subscriptionOf = (db: Database.Database, customerId: number): Subscription | undefined =>
  db
    .prepare<[number], Subscription>(
      `SELECT s.id, s.plan_id AS planId, s.status, s.start_date AS startDate,
         s.billing_anchor_day AS anchorDay, v.currency, v.terms_json AS termsJson
       FROM subscription s
       JOIN plan_version v ON v.plan_id = s.plan_id AND v.version = s.plan_version
       WHERE s.customer_id = ? ORDER BY s.id DESC LIMIT 1`,
    )
    .get(customerId)

/** How the coupon reads on the invoice, as its own discount line: "Coupon WELCOME20: 20 % off". */
export const couponLineText = (coupon: Coupon, currency: string): string => {
  const amount = coupon.amountsOff.find((a) => a.currency === currency)
  const off =
    coupon.percentOff !== null
      ? `${coupon.percentOff} % off`
      : `${formatMinor(amount?.amountMinor ?? 0, currency, 'en-US')} off`
  return `Coupon ${coupon.code}: ${off}`
}

/**
 * The first period a coupon redeemed at `at` applies to. A redemption in the middle of a period
 * applies from the next period: the current one was sold at its price, and whether a period
 * carries a coupon should not depend on when in it the clerk typed the code. Redeemed exactly
 * as a period starts (00:00 business time on its first day), it applies to that period.
 */
export const firstPeriodFor = (sub: Subscription, at: Date, timeZone: string): string => {
  const interval = (JSON.parse(sub.termsJson) as { interval?: Interval }).interval ?? {
    unit: 'month',
    count: 1,
  }
  const basis = { startDate: sub.startDate, anchorDay: sub.anchorDay, interval }
  const current = periodAt(basis, at, timeZone)
  return current.start.getTime() === at.getTime() ? current.key : periodKeyOf(current.end, timeZone)
}

// A declaration, not an arrow: TypeScript narrows after a call only to a declared `never` function.
function refuse(message: string, field = 'code'): never {
  throw new AppError('conflict', message, { [field]: message })
}

export type RedeemContext = { now: Date; operator: string; timeZone: string }

/**
 * Redeems a coupon on a customer's subscription: checks it can be (not archived, not expired
 * in the business time zone, a plan it allows, an amount in the invoice's currency, not already
 * on the subscription, under its limit), then writes the customer's discount that carries it and
 * the redemption. Runs inside the dispatcher's transaction, which SQLite begins IMMEDIATE: a
 * second redemption racing for the last one waits, then counts the first and is refused (and the
 * ledger's trigger refuses any writer that did not count). Returns the redemption's id.
 */
export const redeemCoupon = (
  db: Database.Database,
  coupon: Coupon,
  externalId: string,
  context: RedeemContext,
): number => {
  const { code } = coupon
  if (coupon.archivedAt !== null) refuse(`Coupon ${code} is archived and cannot be redeemed.`)
  const today = dayOf(context.now, context.timeZone)
  if (coupon.expiresOn !== null && today > coupon.expiresOn)
    refuse(`Coupon ${code} expired on ${coupon.expiresOn} and cannot be redeemed any more.`)
  const customer = customerRef(db, externalId)
  const sub = subscriptionOf(db, customer.id)
  if (!sub || sub.status === 'canceled')
    refuse(`Customer ${externalId} has no live subscription to redeem ${code} on.`, 'externalId')
  const subscription = sub
  if (coupon.plans.length > 0 && !coupon.plans.includes(subscription.planId))
    refuse(
      `Coupon ${code} is only for the plans ${coupon.plans.join(', ')}; ${externalId} is on ${subscription.planId}.`,
    )
  const amount = coupon.amountsOff.find((a) => a.currency === subscription.currency)
  if (coupon.kind === 'amount' && !amount)
    refuse(
      `Coupon ${code} has no amount off in ${subscription.currency}, the currency ${externalId} is billed in.`,
    )
  if (activeOn(db, coupon.id, subscription.id).length > 0)
    refuse(`Coupon ${code} is already active on ${externalId}'s subscription.`)
  if (coupon.maxRedemptions !== null && coupon.redemptions >= coupon.maxRedemptions)
    refuse(`Coupon ${code} has reached its limit of ${coupon.maxRedemptions} redemptions.`)
  const at = context.now.toISOString()
  const discountId = insertDiscount(db, {
    customerId: customer.id,
    description: couponLineText(coupon, subscription.currency),
    kind: coupon.kind === 'percent' ? 'percent' : 'fixed',
    value: coupon.percentOff ?? String(amount?.amountMinor),
    duration: coupon.duration,
    periods: coupon.periods,
    startsWith: firstPeriodFor(subscription, context.now, context.timeZone),
    createdAt: at,
  })
  try {
    return insertRedemption(db, {
      couponId: coupon.id,
      customerId: customer.id,
      subscriptionId: subscription.id,
      discountId,
      redeemedAt: at,
      operator: context.operator,
    })
  } catch (error) {
    if (error instanceof Error && error.message.includes('redemption limit'))
      refuse(`Coupon ${code} has reached its limit of ${coupon.maxRedemptions} redemptions.`)
    throw error
  }
}
