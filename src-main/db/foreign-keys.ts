import type Database from 'better-sqlite3'

/**
 * Runs a synchronous bulk write with SQLite's foreign key checks off: they look up the parent
 * row of every row written, a good part of the cost of a bulk write. Only for writers whose
 * references cannot be broken: parents read at the start of the work from tables whose rows are
 * never deleted (customers, subscriptions, imports, runs), or written by the batch itself. The
 * setting is the connection's, so it is put back at once; nothing else runs in between (the
 * batch is synchronous). Inside a transaction SQLite ignores the setting: the checks stay on.
 */
export const withoutForeignKeyChecks = <T>(db: Database.Database, run: () => T): T => {
  const before = db.pragma('foreign_keys', { simple: true }) as number
  if (before === 0 || db.inTransaction) return run()
  db.pragma('foreign_keys = OFF')
  try {
    return run()
  } finally {
    db.pragma('foreign_keys = ON')
  }
}
