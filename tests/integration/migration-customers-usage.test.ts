import { describe, expect, it } from 'vitest'
import { indexesOf, ledgerBefore, migrateThrough, tablesOf } from './migration-support'

describe('migration 0003-customers-usage', () => {
  it('adds customers, subscriptions and usage, bound to the catalog written before it', () => {
    const db = ledgerBefore(3)
    db.prepare(`INSERT INTO plan (id, name, created_at) VALUES ('pro', 'Pro', 'x')`).run()
    db.prepare(
      `INSERT INTO plan_version (plan_id, version, status, effective_from, currency,
         base_price_minor, terms_json, created_at)
       VALUES ('pro', 1, 'published', '2026-10-01', 'EUR', 4900, '{}', 'x')`,
    ).run()

    migrateThrough(db, 3)
    db.pragma('foreign_keys = ON')
    expect(tablesOf(db)).toEqual(
      [
        'audit_entry',
        'customer',
        'plan',
        'plan_version',
        'setting',
        'subscription',
        'usage_event',
        'usage_import',
        'usage_reject',
        'usage_staging',
      ].map((name) => ({ name, strict: 1 })),
    )
    expect(indexesOf(db, 'usage_event')).toEqual([
      'usage_event_customer_metric_ts',
      'usage_event_ts',
    ])
    expect(indexesOf(db, 'subscription')).toEqual(['subscription_customer'])

    db.prepare(
      `INSERT INTO customer (id, external_id, name, currency, created_at, updated_at)
       VALUES (1, 'acme', 'Acme', 'EUR', 'x', 'x')`,
    ).run()
    const subscribe = db.prepare(
      `INSERT INTO subscription (customer_id, plan_id, plan_version, start_date,
         billing_anchor_day, status) VALUES (1, 'pro', ?, '2026-10-01', ?, 'active')`,
    )
    // A subscription names a plan version that exists, and an anchor day a month can have.
    expect(() => subscribe.run(2, 1)).toThrow(/FOREIGN KEY constraint failed/)
    expect(() => subscribe.run(1, 32)).toThrow(/CHECK constraint failed/)
    subscribe.run(1, 31)
    // One subscription per customer.
    expect(() => subscribe.run(1, 1)).toThrow(/UNIQUE constraint failed: subscription.customer_id/)

    db.prepare(
      `INSERT INTO usage_import (id, file_name, format, policy, status, mapping_json, operator,
         started_at) VALUES ('i1', 'u.csv', 'csv', 'keep_valid', 'completed', '{}', 'ana', 'x')`,
    ).run()
    const event = db.prepare(
      `INSERT INTO usage_event (event_id, customer_id, metric, quantity_micros, ts, import_id)
       VALUES (?, 1, 'api_calls', ?, '2026-10-02T00:00:00.000Z', 'i1')`,
    )
    event.run('e1', 1_500_000)
    // The event id is the key that makes a re-import a no-op; quantities are never negative.
    expect(() => event.run('e1', 2_000_000)).toThrow(/UNIQUE constraint failed/)
    expect(() => event.run('e2', -1)).toThrow(/CHECK constraint failed/)
    expect(() =>
      db
        .prepare(
          `INSERT INTO usage_event (event_id, customer_id, metric, quantity_micros, ts, import_id)
           VALUES ('e3', 1, 'api_calls', 1, 'x', 'no-such-import')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/)
    expect(
      db.prepare('SELECT event_id, quantity_micros, late FROM usage_event').raw().all(),
    ).toEqual([['e1', 1_500_000, 0]])
  })
})
