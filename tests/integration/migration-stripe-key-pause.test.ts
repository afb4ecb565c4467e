import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { frozenClock } from '../support/test-app'

describe('migration 0020-stripe-key-pause', () => {
  it('adds the refused key to the sync row, not paused (NULL) for a ledger migrated as it was', () => {
    const db = new Database(':memory:')
    migrate(
      db,
      migrations.filter((m) => m.id < 20),
      frozenClock().now,
    )
    migrate(db, migrations, frozenClock().now)
    expect(
      db.prepare('SELECT key_refused_hint, key_refused_at FROM payment_sync').raw().all(),
    ).toEqual([[null, null]])
    db.prepare(
      `UPDATE payment_sync SET key_refused_hint = 'sk_test_…1234',
         key_refused_at = '2026-11-01T00:00:00.000Z'`,
    ).run()
    // STRICT: the hint is text, never a blob.
    expect(() => db.prepare("UPDATE payment_sync SET key_refused_hint = x'00'").run()).toThrow(
      /cannot store BLOB value in TEXT column/,
    )
  })
})
