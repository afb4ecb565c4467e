import type Database from 'better-sqlite3'
import { DataSource } from 'typeorm'
import { BUSY_TIMEOUT_MS } from './busy-timeout'
import { openConnection } from './connection'
import { entities } from './entities'
import { immediateTransactions } from './immediate-transactions'
import type { AppliedMigration } from './migrate'

/** The open ledger: TypeORM for CRUD, and the same connection's raw handle for bulk paths. */
export type Ledger = {
  path: string
  dataSource: DataSource
  db: Database.Database
  migrations: AppliedMigration[]
  close: () => Promise<void>
}

export { BUSY_TIMEOUT_MS }

/**
 * Opens the ledger (connection.ts) and puts TypeORM on that same connection: its driver option
 * normally constructs a connection; this one hands over the open one, already in WAL mode with
 * foreign keys on and the busy timeout set. Its transactions begin IMMEDIATE, as the raw
 * connection's writers do (`.immediate()`): see immediate-transactions.ts.
 */
export const openLedger = async (
  path: string,
  now: () => Date = () => new Date(),
  key: string | null = null,
): Promise<Ledger> => {
  const { db, migrations } = openConnection(path, now, key)
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    driver: function handOver() {
      return db
    },
    database: path,
    synchronize: false,
    migrationsRun: false,
    entities,
  })
  try {
    await dataSource.initialize()
    immediateTransactions(dataSource)
  } catch (error) {
    db.close()
    throw error
  }
  return {
    path,
    dataSource,
    db,
    migrations,
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
