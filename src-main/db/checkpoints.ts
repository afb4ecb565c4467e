import type Database from 'better-sqlite3'

const held = new WeakMap<Database.Database, { count: number; previous: number }>()

/**
 * Stops `db` checkpointing the WAL itself until the returned release is called. SQLite's
 * automatic checkpoint runs in the connection that commits, copying the pages it wrote into the
 * database file, so a bulk writer pays for each batch twice on its own thread. A writer with a
 * thread to spare (a usage import's parsing worker, idle between chunks) hands the checkpoints
 * to that thread's connection instead (`checkpoint`), for as long as it writes: an import holds
 * them only during its own calls, so one abandoned half-way cannot leave the WAL to grow. Holds
 * nest: the setting comes back when the last hold is released.
 */
export const holdAutoCheckpoint = (db: Database.Database): (() => void) => {
  const hold = held.get(db) ?? {
    count: 0,
    previous: db.pragma('wal_autocheckpoint', { simple: true }) as number,
  }
  hold.count += 1
  held.set(db, hold)
  db.pragma('wal_autocheckpoint = 0')
  let released = false
  return () => {
    if (released) return
    released = true
    hold.count -= 1
    if (hold.count > 0) return
    held.delete(db)
    db.pragma(`wal_autocheckpoint = ${hold.previous}`)
  }
}

/**
 * Copies what the WAL holds into the database file as far as it can without waiting for anyone
 * (PASSIVE: writers and readers carry on). Busy is not an error here: the next one catches up.
 */
export const checkpoint = (db: Database.Database): void => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    // Another connection is checkpointing, or the disk refused: the next one catches up.
  }
}
