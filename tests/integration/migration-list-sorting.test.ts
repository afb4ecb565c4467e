import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { frozenClock } from '../support/test-app'

describe('migration 0023-list-sorting', () => {
  it('adds the paged event cursor to the sync row, empty (walk from cursor_created) for a ledger that synced before', () => {
    const db = new Database(':memory:')
    migrate(
      db,
      migrations.filter((m) => m.id < 23),
      frozenClock().now,
    )
    db.prepare('UPDATE payment_sync SET cursor_created = 1764547200').run()
    migrate(db, migrations, frozenClock().now)
    expect(
      db
        .prepare('SELECT cursor_created, event_cursor_id, event_walk_id FROM payment_sync')
        .raw()
        .all(),
    ).toEqual([[1764547200, null, null]])
    expect(() => db.prepare("UPDATE payment_sync SET event_cursor_id = x'00'").run()).toThrow(
      /cannot store BLOB value in TEXT column/,
    )
  })
})
