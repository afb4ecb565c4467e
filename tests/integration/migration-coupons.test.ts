import { describe, expect, it } from 'vitest'
import { indexesOf, ledgerBefore, migrateThrough, tablesOf } from './migration-support'

describe('migration 0028-coupons', () => {
  it('adds strict coupon tables with named indexes to a ledger that has customers', () => {
    const db = ledgerBefore(28)
    db.exec(`
      INSERT INTO customer (id, external_id, name, currency, created_at, updated_at)
        VALUES (1, 'acme', 'Acme', 'USD', 'x', 'x');`)
    expect(migrateThrough(db, 28).at(-1)).toBe(28)
    const tables = tablesOf(db).filter((t) => t.name.startsWith('coupon'))
    expect(tables).toEqual([
      { name: 'coupon', strict: 1 },
      { name: 'coupon_amount', strict: 1 },
      { name: 'coupon_plan', strict: 1 },
      { name: 'coupon_redemption', strict: 1 },
    ])
    expect(indexesOf(db, 'coupon')).toEqual(['coupon_code'])
    expect(indexesOf(db, 'coupon_redemption')).toEqual([
      'coupon_redemption_coupon',
      'coupon_redemption_discount',
      'coupon_redemption_subscription',
    ])
    expect(
      db.prepare("SELECT count(*) FROM customer WHERE external_id = 'acme'").pluck().get(),
    ).toBe(1)
  })

  it('refuses a code that is not upper-case letters, digits, - or _, and a second one alike', () => {
    const db = ledgerBefore(28)
    migrateThrough(db, 28)
    const insert = (code: string) =>
      db
        .prepare(
          `INSERT INTO coupon (code, name, kind, percent_off, duration, created_at)
           VALUES (?, 'x', 'percent', '10', 'once', 'x')`,
        )
        .run(code)
    insert('WELCOME-20_A')
    expect(() => insert('WELCOME-20_A')).toThrow(/UNIQUE/)
    for (const bad of ['welcome', 'WEL COME', 'WELCOME!', '', 'A'.repeat(41)])
      expect(() => insert(bad), bad).toThrow(/CHECK/)
  })

  it('refuses a percent coupon without its percent and a repeating one without periods', () => {
    const db = ledgerBefore(28)
    migrateThrough(db, 28)
    const insert = (
      kind: string,
      percent: string | null,
      duration: string,
      periods: number | null,
    ) =>
      db
        .prepare(
          `INSERT INTO coupon (code, name, kind, percent_off, duration, periods, created_at)
           VALUES ('C', 'x', ?, ?, ?, ?, 'x')`,
        )
        .run(kind, percent, duration, periods)
    expect(() => insert('percent', null, 'once', null)).toThrow(/CHECK/)
    expect(() => insert('amount', '10', 'once', null)).toThrow(/CHECK/)
    expect(() => insert('percent', '10', 'repeating', null)).toThrow(/CHECK/)
    expect(() => insert('percent', '10', 'once', 3)).toThrow(/CHECK/)
  })
})
