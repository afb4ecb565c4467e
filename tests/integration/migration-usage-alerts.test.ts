import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { frozenClock } from '../support/test-app'

const insert = `INSERT INTO usage_alert (customer_id, metric, period_key, period_start, period_end,
  threshold, used, limit_units, fired_at) VALUES (1, 'seats', '2026-11', ?, ?, ?, '4', '5', 'x')`

describe('migration 0026-usage-alerts', () => {
  it('keeps one alert per customer, metric, period and threshold, in a strict table', () => {
    const db = new Database(':memory:')
    migrate(
      db,
      migrations.filter((m) => m.id < 26),
      frozenClock().now,
    )
    db.exec(`INSERT INTO customer (id, external_id, name, currency, created_at, updated_at)
      VALUES (1, 'acme', 'Acme', 'USD', 'x', 'x')`)
    migrate(db, migrations, frozenClock().now)
    const nov = ['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']
    const dec = ['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']
    db.prepare(insert).run(...nov, 75)
    db.prepare(insert).run(...nov, 90)
    db.prepare(insert).run(...dec, 75)
    expect(() => db.prepare(insert).run(...nov, 75)).toThrow(/UNIQUE constraint failed/)
    expect(() => db.prepare(insert).run(...nov, 0)).toThrow(/CHECK constraint failed/)
    expect(() => db.prepare(insert).run(nov[1], nov[0], 100)).toThrow(/CHECK constraint failed/)
    expect(() =>
      db
        .prepare(insert.replace("'4', '5'", "X'04', '5'"))
        .run('2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z', 75),
    ).toThrow(/cannot store BLOB value in TEXT column/)
    expect(
      db
        .prepare('SELECT count(*) AS n, sum(notified_at IS NULL) AS unnotified FROM usage_alert')
        .get(),
    ).toEqual({ n: 3, unnotified: 3 })
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM usage_alert
         WHERE customer_id = 1 AND metric = 'seats' AND period_start = ? AND threshold = 75`,
      )
      .all(nov[0]) as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/usage_alert_once/)
  })
})
