import { describe, expect, it } from 'vitest'
import { indexesOf, ledgerBefore, migrateThrough, tablesOf, triggersOf } from './migration-support'

describe('migration 0002-catalog', () => {
  it('adds plans and versions, keeps the audit written before it, and freezes published versions', () => {
    const db = ledgerBefore(2)
    db.prepare(
      `INSERT INTO audit_entry (at, operator, action, entity_type, entity_id)
       VALUES ('2026-10-01T00:00:00.000Z', 'ana', 'settings:update', 'setting', 'tax')`,
    ).run()

    migrateThrough(db, 2)
    expect(tablesOf(db).map((t) => `${t.name}:${t.strict}`)).toEqual([
      'audit_entry:1',
      'plan:1',
      'plan_version:1',
      'setting:1',
    ])
    expect(db.prepare('SELECT operator FROM audit_entry').pluck().all()).toEqual(['ana'])
    expect(indexesOf(db, 'plan_version')).toEqual([
      'plan_version_effective',
      'plan_version_single_draft',
    ])
    expect(triggersOf(db, 'plan_version')).toEqual([
      'plan_version_published_immutable',
      'plan_version_published_kept',
    ])

    db.prepare(`INSERT INTO plan (id, name, created_at) VALUES ('pro', 'Pro', 'x')`).run()
    const version = db.prepare(
      `INSERT INTO plan_version (plan_id, version, status, effective_from, currency,
         base_price_minor, terms_json, created_at) VALUES ('pro', ?, ?, ?, 'EUR', ?, '{}', 'x')`,
    )
    version.run(1, 'published', '2026-10-01', 4900)
    version.run(2, 'draft', null, 5900)
    // One draft per plan; a draft has no effective date and a published version has one.
    expect(() => version.run(3, 'draft', null, 6900)).toThrow(/UNIQUE constraint failed/)
    expect(() => version.run(3, 'published', null, 6900)).toThrow(/CHECK constraint failed/)
    expect(() => version.run(3, 'draft', '2026-12-01', 6900)).toThrow(/CHECK constraint failed/)
    expect(() => version.run(0, 'published', '2026-12-01', 6900)).toThrow(/CHECK constraint/)
    expect(() => version.run(3, 'published', '2026-12-01', -1)).toThrow(/CHECK constraint/)

    // Published terms never change and are never deleted; a draft may be edited or dropped.
    expect(() =>
      db.prepare(`UPDATE plan_version SET base_price_minor = 1 WHERE version = 1`).run(),
    ).toThrow(/published plan versions are immutable/)
    expect(() => db.prepare(`DELETE FROM plan_version WHERE version = 1`).run()).toThrow(
      /published plan versions cannot be deleted/,
    )
    db.prepare(`UPDATE plan_version SET base_price_minor = 6100 WHERE version = 2`).run()
    db.prepare(`DELETE FROM plan_version WHERE version = 2`).run()
    expect(db.prepare('SELECT version, base_price_minor FROM plan_version').raw().all()).toEqual([
      [1, 4900],
    ])
  })
})
