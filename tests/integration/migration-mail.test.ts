import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { frozenClock } from '../support/test-app'

describe('migration 0027-mail', () => {
  it('gives existing customers an empty billing email and keys each send once per invoice, template and step', () => {
    const db = new Database(':memory:')
    migrate(
      db,
      migrations.filter((m) => m.id < 27),
      frozenClock().now,
    )
    db.prepare(
      `INSERT INTO customer (external_id, name, email, currency, created_at, updated_at)
       VALUES ('acme', 'Acme', 'ceo@acme.example', 'USD', '2026-11-01', '2026-11-01')`,
    ).run()
    migrate(db, migrations, frozenClock().now)
    expect(db.prepare('SELECT email, billing_email FROM customer').raw().all()).toEqual([
      ['ceo@acme.example', ''],
    ])
    const insert = db.prepare(
      `INSERT INTO mail_outbox (invoice_id, customer_id, template, step, message_id, recipient,
         subject, status, created_at, created_by)
       VALUES (NULL, 1, 'payment.overdue', '7', ?, 'ap@acme.example', 'Overdue', ?, 'now', 'me')`,
    )
    insert.run('<a@meterbook>', 'pending')
    expect(() => insert.run('<a@meterbook>', 'pending')).toThrow(/UNIQUE/)
    expect(() => insert.run('<b@meterbook>', 'lost')).toThrow(/CHECK/)
    expect(() => db.prepare("UPDATE mail_outbox SET attempts = 'two'").run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    )
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM mail_outbox
         WHERE status = 'pending' AND next_attempt_at <= '2027' ORDER BY id`,
      )
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toContain('mail_outbox_status')
  })
})
