import type Database from 'better-sqlite3'

/**
 * Copies what the WAL holds into the database file as far as it can without waiting for anyone
 * (PASSIVE: writers and readers carry on). Busy is not an error here: the next one catches up.
 * For a connection that has just written much at once (a rebuilt index), so that the next
 * commit on another connection does not pay for it.
 */
export const checkpoint = (db: Database.Database): void => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    // Another connection is checkpointing, or the disk refused: the next one catches up.
  }
}
