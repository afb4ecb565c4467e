import Big from 'big.js'
import { z } from 'zod'
import { isCurrency } from '../money'
import { discountValuePattern, isPercent, PositiveMinorSchema } from '../money-bounds'
import { IsoDate, PlanId } from './catalog-inputs'
import type { DecimalString } from './pricing'

/**
 * Coupons (issue 21, item 6): codes in the catalog, redeemed on a customer's subscription. A
 * redemption becomes one of the customer's discounts, so billing applies it as it applies any.
 */

export const COUPON_CODE_MAX = 40

/** Codes compare without regard to case or surrounding spaces: stored trimmed and upper-case. */
export const CouponCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    new RegExp(`^[A-Z0-9_-]{1,${COUPON_CODE_MAX}}$`),
    `must be 1 to ${COUPON_CODE_MAX} letters, digits, - or _`,
  )

export const couponDurations = ['once', 'repeating', 'forever'] as const
export type CouponDuration = (typeof couponDurations)[number]

/** An amount off in one currency, in that currency's minor units, within the money bound. */
export const CouponAmountSchema = z.strictObject({
  currency: z.string().refine(isCurrency, 'must be an ISO 4217 currency code'),
  amountMinor: PositiveMinorSchema,
})

export const CouponInputSchema = z
  .strictObject({
    code: CouponCode,
    name: z.string().trim().min(1, 'must not be empty').max(200),
    /** A decimal string, 0 < p ≤ 100; or null for an amount off. */
    percentOff: z
      .string()
      .regex(discountValuePattern, 'must be a number such as 20 or 12.5')
      .refine((p) => isPercent(p) && new Big(p).gt(0), 'must be more than 0 and at most 100')
      .nullable()
      .default(null),
    /** Amounts off per currency (one per currency); empty for a percent off. */
    amountsOff: z.array(CouponAmountSchema).max(50).default([]),
    duration: z.enum(couponDurations),
    /** For `repeating`: how many billed periods. */
    periods: z.int().min(1).max(1200).nullable().default(null),
    maxRedemptions: z.int().min(1).max(1_000_000_000).nullable().default(null),
    /** The last day (business time zone) it can be redeemed on. */
    expiresOn: IsoDate.nullable().default(null),
    /** Plans it may be redeemed for; empty: any plan. */
    plans: z.array(PlanId).max(200).default([]),
  })
  .refine((c) => (c.percentOff === null) !== (c.amountsOff.length === 0), {
    message: 'must be either a percent off or amounts off, not both',
    path: ['percentOff'],
  })
  .refine((c) => new Set(c.amountsOff.map((a) => a.currency)).size === c.amountsOff.length, {
    message: 'must name each currency once',
    path: ['amountsOff'],
  })
  .refine((c) => (c.duration === 'repeating') === (c.periods !== null), {
    message: 'is set for a repeating coupon, and only for one',
    path: ['periods'],
  })
export type CouponInput = z.input<typeof CouponInputSchema>

export const CouponRedeemSchema = z.strictObject({
  code: CouponCode,
  externalId: z.string().max(200),
})
export type CouponRedeemInput = z.input<typeof CouponRedeemSchema>

/** Money discounted on invoices that were not voided, per currency (minor units). */
export type CouponTotal = { currency: string; amountMinor: number }

export type Coupon = {
  id: number
  code: string
  name: string
  kind: 'percent' | 'amount'
  percentOff: DecimalString | null
  amountsOff: { currency: string; amountMinor: number }[]
  duration: CouponDuration
  periods: number | null
  maxRedemptions: number | null
  expiresOn: string | null
  plans: string[]
  archivedAt: string | null
  createdAt: string
  /** Redemptions ever made (removed ones included: they count against the limit). */
  redemptions: number
  discounted: CouponTotal[]
}

export type CouponRedemption = {
  id: number
  code: string
  customerId: string
  customerName: string
  subscriptionId: number
  /** The customer's discount that carries it on invoices. */
  discountId: number
  /** YYYY-MM: the first period it applies to. */
  startsWith: string
  /** Billed periods it has taken something off so far (void invoices not counted). */
  applied: number
  active: boolean
  redeemedAt: string
  operator: string
  discounted: CouponTotal[]
}

export type CouponDetail = Coupon & { redemptionList: CouponRedemption[] }
