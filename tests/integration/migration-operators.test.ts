import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { frozenClock } from '../support/test-app'

const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g'

const migrated = (): Database.Database => {
  const db = new Database(':memory:')
  migrate(
    db,
    migrations.filter((m) => m.id < 21),
    frozenClock().now,
  )
  db.prepare(
    `INSERT INTO audit_entry (at, operator, action, entity_type, entity_id, before_json, after_json)
     VALUES ('2026-11-01T09:00:00.000Z', 'maria', 'settings:update', 'settings', 'business', NULL, '{}')`,
  ).run()
  migrate(db, migrations, frozenClock().now)
  return db
}

const addOperator = (db: Database.Database, name: string, role = 'viewer', hash = HASH): void => {
  db.prepare(
    `INSERT INTO operator (name, display_name, role, password_hash, created_at)
     VALUES (?, ?, ?, ?, '2026-11-01T09:00:00.000Z')`,
  ).run(name, name, role, hash)
}

describe('migration 0021-operators', () => {
  it('leaves operators switched off on a ledger migrated as it was', () => {
    const db = migrated()
    expect(
      db.prepare("SELECT value_json FROM setting WHERE key = 'operators.enabled'").pluck().get(),
    ).toBe('false')
    expect(db.prepare('SELECT count(*) FROM operator').pluck().get()).toBe(0)
  })

  it('keeps operator names unique without regard to case', () => {
    const db = migrated()
    addOperator(db, 'Ana')
    expect(() => addOperator(db, 'ana')).toThrow(/UNIQUE constraint failed/)
    addOperator(db, 'bruno')
    expect(db.prepare('SELECT name FROM operator ORDER BY id').pluck().all()).toEqual([
      'Ana',
      'bruno',
    ])
  })

  it('accepts only the three roles and an argon2id hash', () => {
    const db = migrated()
    expect(() => addOperator(db, 'root', 'superuser')).toThrow(/CHECK constraint failed/)
    expect(() => addOperator(db, 'plain', 'admin', 'hunter2hunter2')).toThrow(
      /CHECK constraint failed/,
    )
    addOperator(db, 'chen', 'finance')
    expect(() => db.prepare("UPDATE operator SET role = 'owner'").run()).toThrow(
      /CHECK constraint failed/,
    )
  })

  it('makes audit entries impossible to change or delete, the old ones included', () => {
    const db = migrated()
    expect(() => db.prepare("UPDATE audit_entry SET operator = 'someone else'").run()).toThrow(
      /audit entries cannot be changed/,
    )
    expect(() => db.prepare('DELETE FROM audit_entry').run()).toThrow(
      /audit entries cannot be deleted/,
    )
    expect(db.prepare('SELECT operator FROM audit_entry').pluck().all()).toEqual(['maria'])
    // Appending still works.
    db.prepare(
      `INSERT INTO audit_entry (at, operator, action, entity_type, entity_id)
       VALUES ('2026-11-02T09:00:00.000Z', 'ana', 'customers:save', 'customer', 'c-1')`,
    ).run()
    expect(db.prepare('SELECT count(*) FROM audit_entry').pluck().get()).toBe(2)
  })

  it('is a STRICT table', () => {
    const db = migrated()
    expect(() =>
      db
        .prepare(
          `INSERT INTO operator (name, display_name, role, password_hash, created_at)
           VALUES ('x', 'x', 'viewer', ?, x'00')`,
        )
        .run(HASH),
    ).toThrow(/cannot store BLOB value in TEXT column/)
  })
})
