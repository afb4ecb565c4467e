import type Database from 'better-sqlite3'

/**
 * Takes the next number of a series (`MB-2026` → `MB-2026-000124`) inside the caller's
 * transaction. The counter is read and bumped by one statement on the ledger itself, never
 * cached: a rollback returns the number, and two processes sharing the ledger are serialized by
 * SQLite's write lock, so the series stays gapless and without duplicates.
 */
export const takeNumber = (db: Database.Database, prefix: string, year: string): string => {
  if (!db.inTransaction) throw new Error('numbers are taken only inside a transaction')
  const series = `${prefix}-${year}`
  const last = db
    .prepare<[string], number>(
      `INSERT INTO number_sequence (series, last) VALUES (?, 1)
       ON CONFLICT (series) DO UPDATE SET last = last + 1
       RETURNING last`,
    )
    .pluck()
    .get(series)
  if (last === undefined) throw new Error(`no number taken for series ${series}`)
  return `${series}-${String(last).padStart(6, '0')}`
}
