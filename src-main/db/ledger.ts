import { existsSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { DataSource } from 'typeorm'
import { AppError } from '../errors'
import { BUSY_TIMEOUT_MS } from './busy-timeout'
import { entities } from './entities'
import { migrate, readApplied, unknownMigrations, type AppliedMigration } from './migrate'
import { migrations } from './migrations'

/** The open ledger: TypeORM for CRUD, and the same connection's raw handle for bulk paths. */
export type Ledger = {
  path: string
  dataSource: DataSource
  db: Database.Database
  migrations: AppliedMigration[]
  close: () => Promise<void>
}

export { BUSY_TIMEOUT_MS }

const corrupt = (path: string, reason: string): AppError =>
  new AppError(
    'ledger_unavailable',
    `The ledger at ${path} is not a readable Meterbook ledger (${reason}). It was left untouched; restore it from a backup or choose another file with --db.`,
  )

/**
 * Looks at an existing file read-only before anything may write to it: a file that is not SQLite,
 * is damaged, or was migrated by a newer Meterbook is refused and never modified.
 */
const inspectExisting = (path: string): void => {
  if (!existsSync(path) || statSync(path).size === 0) return
  let probe: Database.Database | undefined
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true })
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
    throw corrupt(path, error instanceof Error ? error.message : String(error))
  } finally {
    probe?.close()
  }
}

/**
 * Opens (creating if needed) the SQLite ledger: WAL so readers never block the writer, foreign keys
 * on, a busy timeout so the desktop app and the CLI can share one file, migrations applied.
 */
export const openLedger = async (
  path: string,
  now: () => Date = () => new Date(),
): Promise<Ledger> => {
  if (path !== ':memory:') inspectExisting(path)
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    driver: Database,
    database: path,
    timeout: BUSY_TIMEOUT_MS,
    enableWAL: path !== ':memory:',
    synchronize: false,
    migrationsRun: false,
    entities,
  })
  try {
    await dataSource.initialize()
  } catch (error) {
    throw corrupt(path, error instanceof Error ? error.message : String(error))
  }
  const db = (dataSource.driver as unknown as { databaseConnection: Database.Database })
    .databaseConnection
  const applied = migrate(db, migrations, now)
  return {
    path,
    dataSource,
    db,
    migrations: applied,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy()
    },
  }
}

/** SQLite's own consistency check: `ok`, or the first problems it found. */
export const checkIntegrity = (ledger: Ledger): string => {
  const rows = ledger.db.prepare('PRAGMA quick_check(5)').pluck().all() as string[]
  return rows.join('; ')
}
