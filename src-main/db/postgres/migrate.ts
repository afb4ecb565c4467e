import type pg from 'pg'
import { AppError } from '../../errors'
import { unknownMigrations, type AppliedMigration, type Migration } from '../migrate'

const createTable = `
  CREATE TABLE IF NOT EXISTS schema_migration (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`

// Any constant: every process migrating this database takes the same transaction-scoped lock.
const MIGRATION_LOCK = 7_415_001

export const readAppliedPostgres = async (client: pg.Client): Promise<AppliedMigration[]> => {
  const exists = await client.query<{ found: boolean }>(
    "SELECT to_regclass('schema_migration') IS NOT NULL AS found",
  )
  if (exists.rows[0]?.found !== true) return []
  const result = await client.query<AppliedMigration>(
    'SELECT id, name, applied_at AS "appliedAt" FROM schema_migration ORDER BY id',
  )
  return result.rows
}

/**
 * Applies the pending migrations' PostgreSQL forms in order, each in its own transaction with its
 * bookkeeping row, recorded in `schema_migration` as on SQLite. Processes migrating together take
 * turns on an advisory lock and look again whether another applied the step meanwhile. A database
 * migrated by a newer Meterbook is refused untouched.
 */
export const migratePostgres = async (
  client: pg.Client,
  known: readonly Migration[],
  now: () => Date,
): Promise<AppliedMigration[]> => {
  const newer = unknownMigrations(await readAppliedPostgres(client), known)
  if (newer.length > 0) {
    throw new AppError(
      'ledger_unavailable',
      `The PostgreSQL ledger was written by a newer version of Meterbook (it has migration ${newer
        .map((m) => m.name)
        .join(', ')}, unknown to this version). It was left untouched; update Meterbook.`,
    )
  }
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query(createTable)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
  for (const migration of known) {
    await client.query('BEGIN')
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
      const done = await client.query('SELECT 1 FROM schema_migration WHERE id = $1', [
        migration.id,
      ])
      if (done.rowCount === 0) {
        await client.query(migration.postgres)
        await client.query(
          'INSERT INTO schema_migration (id, name, applied_at) VALUES ($1, $2, $3)',
          [migration.id, migration.name, now().toISOString()],
        )
      }
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK')
      throw error
    }
  }
  return readAppliedPostgres(client)
}
