import Database from 'better-sqlite3'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { frozenClock } from '../support/test-app'

type Db = Database.Database

/**
 * Migration tests: a ledger taken to just before the migration under test (where the test puts
 * data in place), then that migration applied alone, then what it promises checked. Later
 * migrations stay out, so each test sees its migration's own work.
 */
export const ledgerBefore = (id: number): Db => {
  const db = new Database(':memory:')
  migrate(
    db,
    migrations.filter((m) => m.id < id),
    frozenClock().now,
  )
  return db
}

/** Applies every migration up to and including `id`; returns the ids applied in all. */
export const migrateThrough = (db: Db, id: number): number[] =>
  migrate(
    db,
    migrations.filter((m) => m.id <= id),
    frozenClock().now,
  ).map((m) => m.id)

/** The ledger's own tables (not SQLite's, not the migration bookkeeping), each with STRICT. */
export const tablesOf = (db: Db): { name: string; strict: number }[] =>
  db
    .prepare<[], { name: string; strict: number }>(
      `SELECT name, strict FROM pragma_table_list
       WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name <> 'schema_migration'
       ORDER BY name`,
    )
    .all()

/** Indexes made by CREATE INDEX (not those of a PRIMARY KEY or UNIQUE constraint), by name. */
export const indexesOf = (db: Db, table: string): string[] =>
  db
    .prepare<[string], string>(
      `SELECT name FROM pragma_index_list(?) WHERE origin = 'c' ORDER BY name`,
    )
    .pluck()
    .all(table)

/** An index's columns in order. */
export const indexColumns = (db: Db, index: string): string[] =>
  db
    .prepare<[string], string>('SELECT name FROM pragma_index_info(?) ORDER BY seqno')
    .pluck()
    .all(index)

export const triggersOf = (db: Db, table: string): string[] =>
  db
    .prepare<[string], string>(
      `SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? ORDER BY name`,
    )
    .pluck()
    .all(table)

/** The query plan's details: which index a query reads, and whether it reads the table too. */
export const queryPlan = (db: Db, sql: string, ...params: unknown[]): string =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((row) => (row as { detail: string }).detail)
    .join('\n')
