import type Database from 'better-sqlite3'
import type {
  Coupon,
  CouponDuration,
  CouponRedemption,
  CouponTotal,
} from '../../src-shared/domain/coupons'

/** The coupon tables (migration 0028): their queries and typed rows, and nothing else. */

type CouponRow = {
  id: number
  code: string
  name: string
  kind: 'percent' | 'amount'
  percent_off: string | null
  duration: CouponDuration
  periods: number | null
  max_redemptions: number | null
  expires_on: string | null
  archived_at: string | null
  created_at: string
  redemptions: number
}

type RedemptionRow = {
  id: number
  code: string
  external_id: string
  customer_name: string
  subscription_id: number
  discount_id: number
  starts_with: string
  active: number
  redeemed_at: string
  operator: string
  applied: number
}

const couponSelect = `
  SELECT c.*, (SELECT count(*) FROM coupon_redemption r WHERE r.coupon_id = c.id) AS redemptions
  FROM coupon c`

// What a coupon took off: the discounts of its redemptions on invoices that were not voided
// (a void invoice never happened for the customer), per invoice currency.
const totalsSelect = `
  SELECT i.currency, sum(x.amount_minor) AS amountMinor
  FROM coupon_redemption r
  JOIN invoice_discount x ON x.discount_id = r.discount_id
  JOIN invoice i ON i.id = x.invoice_id AND i.status <> 'void'`

const totalsOf = (db: Database.Database, where: string, id: number): CouponTotal[] =>
  db
    .prepare<[number], CouponTotal>(
      `${totalsSelect} WHERE ${where} = ? GROUP BY i.currency ORDER BY i.currency`,
    )
    .all(id)

const toCoupon = (db: Database.Database, row: CouponRow): Coupon => ({
  id: row.id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  percentOff: row.percent_off,
  amountsOff: db
    .prepare<[number], { currency: string; amountMinor: number }>(
      `SELECT currency, amount_minor AS amountMinor FROM coupon_amount
       WHERE coupon_id = ? ORDER BY currency`,
    )
    .all(row.id),
  duration: row.duration,
  periods: row.periods,
  maxRedemptions: row.max_redemptions,
  expiresOn: row.expires_on,
  plans: db
    .prepare<[number], string>(
      'SELECT plan_id FROM coupon_plan WHERE coupon_id = ? ORDER BY plan_id',
    )
    .pluck()
    .all(row.id),
  archivedAt: row.archived_at,
  createdAt: row.created_at,
  redemptions: row.redemptions,
  discounted: totalsOf(db, 'r.coupon_id', row.id),
})

export const listCoupons = (db: Database.Database, includeArchived: boolean): Coupon[] =>
  db
    .prepare<[], CouponRow>(
      `${couponSelect} ${includeArchived ? '' : 'WHERE c.archived_at IS NULL'} ORDER BY c.code`,
    )
    .all()
    .map((row) => toCoupon(db, row))

/** The coupon with this code (already trimmed and upper-cased by the contract), if any. */
export const findCoupon = (db: Database.Database, code: string): Coupon | undefined => {
  const row = db.prepare<[string], CouponRow>(`${couponSelect} WHERE c.code = ?`).get(code)
  return row && toCoupon(db, row)
}

export type NewCoupon = Omit<Coupon, 'id' | 'archivedAt' | 'redemptions' | 'discounted'>

export const insertCoupon = (db: Database.Database, coupon: NewCoupon): void => {
  const id = Number(
    db
      .prepare(
        `INSERT INTO coupon (code, name, kind, percent_off, duration, periods, max_redemptions,
           expires_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        coupon.code,
        coupon.name,
        coupon.kind,
        coupon.percentOff,
        coupon.duration,
        coupon.periods,
        coupon.maxRedemptions,
        coupon.expiresOn,
        coupon.createdAt,
      ).lastInsertRowid,
  )
  const amount = db.prepare(
    'INSERT INTO coupon_amount (coupon_id, currency, amount_minor) VALUES (?, ?, ?)',
  )
  for (const a of coupon.amountsOff) amount.run(id, a.currency, a.amountMinor)
  const plan = db.prepare('INSERT INTO coupon_plan (coupon_id, plan_id) VALUES (?, ?)')
  for (const p of coupon.plans) plan.run(id, p)
}

export const archiveCoupon = (db: Database.Database, id: number, at: string): void => {
  db.prepare('UPDATE coupon SET archived_at = ? WHERE id = ?').run(at, id)
}

export const planExists = (db: Database.Database, planId: string): boolean =>
  db.prepare('SELECT 1 FROM plan WHERE id = ?').get(planId) !== undefined

// A redemption is active while its discount is (coupons:remove and discounts:deactivate both
// end it); `applied` counts as the discounts' own rule does (credits/discounts.ts).
const redemptionSelect = `
  SELECT r.id, c.code, cu.external_id, cu.name AS customer_name, r.subscription_id,
    r.discount_id, d.starts_with, d.active, r.redeemed_at, r.operator, (
      SELECT count(*) FROM invoice_discount x JOIN invoice i ON i.id = x.invoice_id
      WHERE x.discount_id = r.discount_id AND x.amount_minor > 0 AND i.status <> 'void'
    ) AS applied
  FROM coupon_redemption r
  JOIN coupon c ON c.id = r.coupon_id
  JOIN customer cu ON cu.id = r.customer_id
  JOIN discount d ON d.id = r.discount_id`

const toRedemption = (db: Database.Database, row: RedemptionRow): CouponRedemption => ({
  id: row.id,
  code: row.code,
  customerId: row.external_id,
  customerName: row.customer_name,
  subscriptionId: row.subscription_id,
  discountId: row.discount_id,
  startsWith: row.starts_with,
  applied: row.applied,
  active: row.active === 1,
  redeemedAt: row.redeemed_at,
  operator: row.operator,
  discounted: totalsOf(db, 'r.id', row.id),
})

export const redemptionsOf = (db: Database.Database, couponId: number): CouponRedemption[] =>
  db
    .prepare<[number], RedemptionRow>(`${redemptionSelect} WHERE r.coupon_id = ? ORDER BY r.id`)
    .all(couponId)
    .map((row) => toRedemption(db, row))

export const findRedemption = (db: Database.Database, id: number): CouponRedemption | undefined => {
  const row = db.prepare<[number], RedemptionRow>(`${redemptionSelect} WHERE r.id = ?`).get(id)
  return row && toRedemption(db, row)
}

/** Active redemptions of a coupon on a subscription (at most one, as redeeming refuses more). */
export const activeOn = (
  db: Database.Database,
  couponId: number,
  subscriptionId: number,
): CouponRedemption[] =>
  db
    .prepare<[number, number], RedemptionRow>(
      `${redemptionSelect} WHERE r.coupon_id = ? AND r.subscription_id = ? AND d.active = 1`,
    )
    .all(couponId, subscriptionId)
    .map((row) => toRedemption(db, row))

export const insertRedemption = (
  db: Database.Database,
  row: {
    couponId: number
    customerId: number
    subscriptionId: number
    discountId: number
    redeemedAt: string
    operator: string
  },
): number =>
  Number(
    db
      .prepare(
        `INSERT INTO coupon_redemption (coupon_id, customer_id, subscription_id, discount_id,
           redeemed_at, operator) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.couponId,
        row.customerId,
        row.subscriptionId,
        row.discountId,
        row.redeemedAt,
        row.operator,
      ).lastInsertRowid,
  )
