import Big from 'big.js'
import type { Coupon, CouponDetail } from '../../src-shared/domain/coupons'
import type { Ledger } from '../db/ledger'
import { endDiscount } from '../credits/discounts'
import { AppError } from '../errors'
import type { HandlersFor } from '../ipc/handlers-types'
import { readSettingsNow } from '../settings/settings-service'
import {
  archiveCoupon,
  findCoupon,
  findRedemption,
  insertCoupon,
  listCoupons,
  planExists,
  redemptionsOf,
} from './coupon-store'
import { redeemCoupon } from './redeem'

export const couponsHandlers = (ledger: Ledger): HandlersFor<'coupons'> => {
  const couponNamed = (code: string): Coupon => {
    const coupon = findCoupon(ledger.db, code)
    if (!coupon) throw new AppError('not_found', `There is no coupon ${code}.`)
    return coupon
  }
  const detail = (coupon: Coupon): CouponDetail => ({
    ...coupon,
    redemptionList: redemptionsOf(ledger.db, coupon.id),
  })

  return {
    'coupons:list': ({ includeArchived }) =>
      Promise.resolve(listCoupons(ledger.db, includeArchived)),

    'coupons:get': ({ code }) => Promise.resolve(detail(couponNamed(code))),

    'coupons:create': async (input, ctx) => {
      const db = ledger.db
      if (findCoupon(db, input.code))
        throw new AppError('conflict', `There is already a coupon ${input.code}.`, {
          code: 'is already taken',
        })
      const unknown = input.plans.filter((plan) => !planExists(db, plan))
      if (unknown.length > 0)
        throw new AppError('validation_failed', `There is no plan ${unknown.join(', ')}.`, {
          plans: `unknown plan ${unknown.join(', ')}`,
        })
      insertCoupon(db, {
        code: input.code,
        name: input.name,
        kind: input.percentOff === null ? 'amount' : 'percent',
        // Normalized ("12.50" → "12.5"), so the line reads the same however it was typed.
        percentOff: input.percentOff === null ? null : new Big(input.percentOff).toFixed(),
        amountsOff: input.amountsOff,
        duration: input.duration,
        periods: input.periods,
        maxRedemptions: input.maxRedemptions,
        expiresOn: input.expiresOn,
        plans: [...new Set(input.plans)],
        createdAt: ctx.now().toISOString(),
      })
      const created = couponNamed(input.code)
      await ctx.audit({
        entityType: 'coupon',
        entityId: created.code,
        before: null,
        after: created,
      })
      return created
    },

    'coupons:archive': async ({ code }, ctx) => {
      const before = couponNamed(code)
      if (before.archivedAt !== null)
        throw new AppError('conflict', `Coupon ${code} is already archived.`)
      archiveCoupon(ledger.db, before.id, ctx.now().toISOString())
      const after = couponNamed(code)
      await ctx.audit({ entityType: 'coupon', entityId: code, before, after })
      return after
    },

    'coupons:redeem': async ({ code, externalId }, ctx) => {
      const db = ledger.db
      const { businessTimeZone } = readSettingsNow(db)
      const id = redeemCoupon(db, couponNamed(code), externalId, {
        now: ctx.now(),
        operator: ctx.operator,
        timeZone: businessTimeZone,
      })
      const redemption = findRedemption(db, id)
      if (!redemption) throw new Error(`Redemption ${id} was not written.`)
      await ctx.audit({
        entityType: 'coupon',
        entityId: code,
        before: null,
        after: redemption,
      })
      return redemption
    },

    'coupons:remove': async ({ id }, ctx) => {
      const db = ledger.db
      const before = findRedemption(db, id)
      if (!before) throw new AppError('not_found', `There is no coupon redemption ${id}.`)
      if (!before.active)
        throw new AppError(
          'conflict',
          `Coupon ${before.code} is already removed from ${before.customerId}.`,
        )
      // Invoices that carry it keep it; later periods no longer get it.
      endDiscount(db, before.discountId)
      const after = findRedemption(db, id) ?? null
      await ctx.audit({ entityType: 'coupon', entityId: before.code, before, after })
      return after ?? before
    },
  }
}
