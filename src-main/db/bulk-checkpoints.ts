import type Database from 'better-sqlite3'

/** WAL pages between automatic checkpoints during bulk work (SQLite's default is 1,000). */
const BULK_CHECKPOINT_PAGES = 16_000

/**
 * Runs bulk work made of many batches (each its own transaction) with fewer automatic
 * checkpoints: a page that batch after batch rewrites (an index's last leaf, the tables' last
 * pages) is copied into the database file, with its syncs, a few times instead of after every
 * other batch. Durability is unchanged (each commit is as safe as any other write); the WAL
 * grows to at most about 64 MB meanwhile, and the next commit after the work checkpoints it.
 */
export const withFewerCheckpoints = <T>(db: Database.Database, work: () => T): T => {
  const pages = db.pragma('wal_autocheckpoint', { simple: true }) as number
  db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`)
  try {
    return work()
  } finally {
    db.pragma(`wal_autocheckpoint = ${pages}`)
  }
}
