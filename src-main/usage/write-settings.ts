import type Database from 'better-sqlite3'

/**
 * Runs a batch with SQLite's foreign key checks off: they look up the customer and the import
 * for every event, which doubled the cost of a write. The batch cannot break them: its
 * customer ids were read from the customer table when the import began (customers are never
 * deleted) and its import row exists. The setting is the connection's, so it is put back at
 * once; nothing else runs in between (the batch is synchronous).
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

/**
 * SQLite's page cache while an import runs, in KiB. Events arrive in time order but the table
 * is clustered by customer, so every batch touches pages all over the table; with SQLite's
 * default 2 MB each touch read the page back through the WAL. This keeps the pages a batch
 * touches in memory, and stays within the import's memory budget (under 300 MB in all).
 */
export const IMPORT_CACHE_KIB = 49_152

const raised = new WeakMap<Database.Database, { imports: number; previous: number }>()

/**
 * Raises the connection's page cache for an import and returns what puts it back once the last
 * running import on the connection ends (the desktop app may run two).
 */
export const raiseCacheForImport = (db: Database.Database): (() => void) => {
  const state = raised.get(db)
  if (state) state.imports += 1
  else {
    const previous = db.pragma('cache_size', { simple: true }) as number
    raised.set(db, { imports: 1, previous })
    db.pragma(`cache_size = ${-IMPORT_CACHE_KIB}`)
  }
  let released = false
  return () => {
    const current = raised.get(db)
    if (released || !current) return
    released = true
    current.imports -= 1
    if (current.imports > 0) return
    raised.delete(db)
    db.pragma(`cache_size = ${current.previous}`)
  }
}
