import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { frozenClock } from '../support/test-app'

describe('migration 0008-transition-cause', () => {
  it('gives transitions written before it the cause their wording names, and no other', () => {
    const db = new Database(':memory:')
    const before = migrations.filter((m) => m.id < 8)
    migrate(db, before, frozenClock().now)
    // Transitions alone, without the customers and subscriptions they belong to.
    db.pragma('foreign_keys = OFF')
    const insert = db.prepare(
      `INSERT INTO subscription_transition (subscription_id, from_status, to_status, at, reason,
         operator) VALUES (1, ?, ?, '2026-11-01T00:00:00.000Z', ?, 'someone')`,
    )
    insert.run('active', 'past_due', 'Invoice MB-2026-000007 overdue')
    insert.run('active', 'past_due', 'Payment failed for invoice MB-2026-000008: card declined')
    insert.run('active', 'past_due', 'Payment returned by the bank')
    insert.run('past_due', 'active', 'Paid')
    insert.run('active', 'suspended', 'Invoice MB-2026-000009 overdue')

    migrate(db, migrations, frozenClock().now)
    expect(
      db.prepare('SELECT reason, cause FROM subscription_transition ORDER BY id').raw().all(),
    ).toEqual([
      ['Invoice MB-2026-000007 overdue', 'overdue'],
      ['Payment failed for invoice MB-2026-000008: card declined', 'dunning'],
      ['Payment returned by the bank', null],
      ['Paid', null],
      // Only a move to past_due has a cause payment may lift.
      ['Invoice MB-2026-000009 overdue', null],
    ])
    expect(() =>
      db.prepare("UPDATE subscription_transition SET cause = 'whim' WHERE id = 1").run(),
    ).toThrow(/CHECK constraint failed/)
  })
})
