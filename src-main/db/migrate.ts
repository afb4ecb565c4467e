import type Database from 'better-sqlite3'

/**
 * One step of the schema in both dialects, side by side: `sql` for the SQLite ledger (never
 * edited once shipped) and `postgres` for a server ledger (db/postgres/migrate.ts), producing the
 * same tables, constraints and guarantees (tests/pg/schema-parity.test.ts compares them).
 */
export type Migration = { id: number; name: string; sql: string; postgres: string }
export type AppliedMigration = { id: number; name: string; appliedAt: string }

const createTable = `
  CREATE TABLE IF NOT EXISTS schema_migration (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`

export const readApplied = (db: Database.Database): AppliedMigration[] => {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'")
    .get()
  if (!exists) return []
  return db
    .prepare('SELECT id, name, applied_at AS appliedAt FROM schema_migration ORDER BY id')
    .all() as AppliedMigration[]
}

/** Migrations recorded in the ledger that this build does not know: the file is from a newer app. */
export const unknownMigrations = (
  applied: readonly AppliedMigration[],
  known: readonly Migration[],
): AppliedMigration[] =>
  applied.filter((a) => !known.some((m) => m.id === a.id && m.name === a.name))

/**
 * Applies the pending migrations in order, each in its own transaction with its bookkeeping row,
 * so a crash leaves the ledger at the last complete migration. Processes starting together on a
 * new ledger (cron commands, the desktop app) take turns: each migration's transaction holds the
 * write lock from its start and looks again whether another process applied it meanwhile.
 */
export const migrate = (
  db: Database.Database,
  known: readonly Migration[],
  now: () => Date,
): AppliedMigration[] => {
  db.exec(createTable)
  const done = new Set(readApplied(db).map((a) => a.id))
  const record = db.prepare('INSERT INTO schema_migration (id, name, applied_at) VALUES (?, ?, ?)')
  const applied = db.prepare<[number], 1>('SELECT 1 FROM schema_migration WHERE id = ?').pluck()
  for (const migration of known) {
    if (done.has(migration.id)) continue
    db.transaction(() => {
      if (applied.get(migration.id)) return
      db.exec(migration.sql)
      record.run(migration.id, migration.name, now().toISOString())
    }).immediate()
  }
  return readApplied(db)
}
