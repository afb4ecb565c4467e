import { describe, expect, it } from 'vitest'
import { indexesOf, ledgerBefore, migrateThrough, tablesOf } from './migration-support'

describe('migration 0001-initial', () => {
  it('gives an empty file the audit log and the settings, as STRICT tables', () => {
    const db = ledgerBefore(1)
    expect(tablesOf(db)).toEqual([])

    expect(migrateThrough(db, 1)).toEqual([1])
    expect(tablesOf(db)).toEqual([
      { name: 'audit_entry', strict: 1 },
      { name: 'setting', strict: 1 },
    ])
    // The audit trail is read by time, by entity, by action and by operator.
    expect(indexesOf(db, 'audit_entry')).toEqual([
      'audit_entry_action',
      'audit_entry_at',
      'audit_entry_entity',
      'audit_entry_operator',
    ])
    db.prepare(
      `INSERT INTO audit_entry (at, operator, action, entity_type, entity_id, after_json)
       VALUES ('2026-11-01T09:00:00.000Z', 'ana', 'settings:update', 'setting', 'tax', '{}')`,
    ).run()
    expect(() =>
      db
        .prepare(
          `INSERT INTO audit_entry (at, operator, action, entity_type, entity_id)
           VALUES ('2026-11-01', NULL, 'x', 'y', 'z')`,
        )
        .run(),
    ).toThrow(/NOT NULL constraint failed: audit_entry.operator/)
    // STRICT: a value of the wrong type is refused, not stored as it comes.
    expect(() =>
      db
        .prepare(`INSERT INTO setting (key, value_json, updated_at) VALUES ('tax', ?, 'now')`)
        .run(Buffer.from('{}')),
    ).toThrow(/cannot store BLOB value in TEXT column setting.value_json/)
    // A key is set once; a second write of it is an update.
    db.prepare(`INSERT INTO setting (key, value_json, updated_at) VALUES ('tax', '1', 'now')`).run()
    expect(() =>
      db
        .prepare(`INSERT INTO setting (key, value_json, updated_at) VALUES ('tax', '2', 'now')`)
        .run(),
    ).toThrow(/UNIQUE constraint failed: setting.key/)
  })
})
