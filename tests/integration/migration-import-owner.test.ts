import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { frozenClock } from '../support/test-app'

describe('migration 0018-import-owner', () => {
  it('adds the owning process to imports, unknown (NULL) for those recorded before', () => {
    const db = new Database(':memory:')
    migrate(
      db,
      migrations.filter((m) => m.id < 18),
      frozenClock().now,
    )
    db.prepare(
      `INSERT INTO usage_import (id, file_name, format, policy, status, mapping_json, operator,
         started_at) VALUES ('old', 'u.csv', 'csv', 'keep_valid', 'running', '{}', 'ada',
         '2026-11-01T00:00:00.000Z')`,
    ).run()
    migrate(db, migrations, frozenClock().now)
    db.prepare(
      `INSERT INTO usage_import (id, file_name, format, policy, status, mapping_json, operator,
         started_at, owner) VALUES ('new', 'u.csv', 'csv', 'keep_valid', 'running', '{}', 'ada',
         '2026-11-01T00:00:00.000Z', 'host#42#9001')`,
    ).run()
    expect(db.prepare('SELECT id, owner FROM usage_import ORDER BY id').raw().all()).toEqual([
      ['new', 'host#42#9001'],
      ['old', null],
    ])
    // STRICT: the owner is text, never a number that happens to fit.
    expect(() =>
      db.prepare("UPDATE usage_import SET owner = x'00' WHERE id = 'new'").run(),
    ).toThrow(/cannot store BLOB value in TEXT column/)
  })
})
