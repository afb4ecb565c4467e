import { closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import type Database from 'better-sqlite3'
import { AppError } from '../errors'
import { BUSY_TIMEOUT_MS } from './busy-timeout'
import { migrate, readApplied, unknownMigrations, type AppliedMigration } from './migrate'
import { migrations } from './migrations'
import { openSqlite } from './sqlite-open'

/**
 * The ledger's SQLite connection, opened and migrated: what TypeORM works on (ledger.ts), and all
 * that the commands working on the raw connection alone need (a usage import from the CLI),
 * without loading the ORM.
 */
export type LedgerConnection = {
  path: string
  db: Database.Database
  migrations: AppliedMigration[]
}

const corrupt = (path: string, reason: string): AppError =>
  new AppError(
    'ledger_unavailable',
    `The ledger at ${path} is not a readable Meterbook ledger (${reason}). It was left untouched; restore it from a backup or choose another file with --db.`,
  )

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

/**
 * Looks at an existing file read-only before anything may write to it: a file that is not SQLite,
 * is damaged, or was migrated by a newer Meterbook is refused and never modified.
 */
const inspectExisting = (path: string, key: string | null): void => {
  if (!existsSync(path) || statSync(path).size === 0) return
  let probe: Database.Database | undefined
  try {
    // A process creating or migrating the file at this moment holds it briefly: wait, as writers do.
    probe = openSqlite(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS }, key)
    const header = probe.prepare('PRAGMA schema_version').pluck().get()
    if (typeof header !== 'number') throw new Error('no schema version')
    const newer = unknownMigrations(readApplied(probe), migrations)
    if (newer.length > 0) {
      throw new AppError(
        'ledger_unavailable',
        `The ledger at ${path} was written by a newer version of Meterbook (it has migration ${newer
          .map((m) => m.name)
          .join(
            ', ',
          )}, unknown to this version). It was left untouched; update Meterbook to open it.`,
      )
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw corrupt(path, reasonOf(error))
  } finally {
    probe?.close()
  }
}

/**
 * A server address given where a file is expected (`postgres://…`) must never become a folder
 * named `postgres:` holding a second, divergent set of books. The message says what a server
 * is good for today: the services still run on a SQLite file until their port to PostgreSQL
 * lands, and `ledger copy` moves a ledger to a server and back.
 */
const refuseUrl = (path: string): void => {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return
  throw new AppError(
    'ledger_unavailable',
    `${path.replace(/\/\/[^@/]*@/, '//…@')} is a server address, and Meterbook's commands still run on a SQLite ledger file: give a file path with --db. A ledger can already be copied to a PostgreSQL server and back (meterbook ledger copy --from FILE --to postgres://…); the services move to the server in a later version.`,
  )
}

/**
 * A new ledger file and its folder are created readable by their owner only: the ledger holds
 * every customer's name and every amount. SQLite gives the WAL and shared-memory files the mode of
 * the database file.
 */
const createPrivately = (path: string): void => {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600))
}

/**
 * Opens (creating if needed, folder included) the SQLite ledger: WAL so readers never block the
 * writer, foreign keys on, a busy timeout so the desktop app and the CLI can share one file,
 * migrations applied. `key`: the passphrase of a ledger encrypted at rest (sqlite-open.ts); a new
 * ledger given one is created encrypted.
 */
export const openConnection = (
  path: string,
  now: () => Date = () => new Date(),
  key: string | null = null,
): LedgerConnection => {
  const inMemory = path === ':memory:'
  refuseUrl(path)
  if (!inMemory) inspectExisting(path, key)
  let db: Database.Database | undefined
  try {
    if (!inMemory) createPrivately(path)
    db = openSqlite(path, { timeout: BUSY_TIMEOUT_MS }, key)
    db.pragma('foreign_keys = ON')
    if (!inMemory) db.pragma('journal_mode = WAL')
  } catch (error) {
    db?.close()
    if (error instanceof AppError) throw error
    throw corrupt(path, reasonOf(error))
  }
  try {
    return { path, db, migrations: migrate(db, migrations, now) }
  } catch (error) {
    db.close()
    throw error
  }
}
