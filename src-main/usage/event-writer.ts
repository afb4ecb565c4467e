import type Database from 'better-sqlite3'
import type { Batch, BatchCounts, PendingReject } from './batch'
import { planInserts } from './insert-order'

/** Rows per multi-row INSERT: one statement call for many rows is what makes the import fast. */
const GROUP = 50
const COLUMNS =
  'event_id, customer_id, metric, quantity_micros, ts, import_id, late, properties_json'
const TUPLE = '(?, ?, ?, ?, ?, @importId, ?, ?)'

type StoredEvent = {
  customer_id: bigint
  metric: string
  quantity_micros: bigint
  ts: string
  import_id: string
}

/** Same content: the same customer, metric, quantity and instant (properties only describe). */
const sameContent = (stored: StoredEvent, batch: Batch, i: number): boolean =>
  stored.customer_id === BigInt(batch.customerId[i] ?? 0) &&
  stored.metric === batch.metric[i] &&
  stored.quantity_micros === BigInt(batch.micros[i] ?? 0) &&
  stored.ts === batch.ts[i]

const conflictReason = (stored: StoredEvent, importId: string): string =>
  stored.import_id === importId
    ? 'event id repeated in this file with different content'
    : `event id already imported from another file (import ${stored.import_id}) with different content`

/** The statements an import writes with, prepared once per import. */
export const prepareWriter = (db: Database.Database, eventIdColumn: string) => {
  // RETURNING names the rows an INSERT OR IGNORE stored, so the ones it skipped (their event id
  // is already stored) are known without a lookup per row.
  const insertMany = db
    .prepare<[unknown[], { importId: string }], string>(
      `INSERT OR IGNORE INTO usage_event (${COLUMNS}) VALUES ${Array(GROUP).fill(TUPLE).join(', ')}
       RETURNING event_id`,
    )
    .pluck()
  const insertOne = db.prepare(`INSERT OR IGNORE INTO usage_event (${COLUMNS}) VALUES ${TUPLE}`)
  const storedEvent = db
    .prepare<[string], StoredEvent>(
      `SELECT customer_id, metric, quantity_micros, ts, import_id FROM usage_event
       WHERE event_id = ?`,
    )
    .safeIntegers(true)
  const insertReject = db.prepare(
    `INSERT INTO usage_reject (import_id, row_number, column, value, reason, raw)
     VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const stage = db.prepare(
    `INSERT OR IGNORE INTO usage_staging (import_id, event_id, customer_id, metric, quantity_micros,
       ts, late, properties_json, row_number, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const stagedEvent = db
    .prepare<[string, string], StoredEvent>(
      `SELECT customer_id, metric, quantity_micros, ts, import_id FROM usage_staging
       WHERE import_id = ? AND event_id = ?`,
    )
    .safeIntegers(true)
  const args: unknown[] = new Array<unknown>(GROUP * 7)
  const metricSlots = new Map<string, number>()

  const reject = (importId: string, r: PendingReject): void => {
    insertReject.run(importId, r.rowNumber, r.column, r.value, r.reason, r.raw)
  }

  const rejectRow = (importId: string, batch: Batch, i: number, reason: string): void => {
    const eventId = batch.eventId[i] ?? ''
    insertReject.run(importId, batch.rowNumber[i], eventIdColumn, eventId, reason, batch.rawText(i))
  }

  /**
   * A row that was not stored because its event id already was: a duplicate when the stored
   * event has the same content, rejected otherwise.
   */
  const settle = (batch: Batch, i: number, importId: string, c: BatchCounts): void => {
    const stored = storedEvent.get(batch.eventId[i] ?? '')
    if (stored && sameContent(stored, batch, i)) c.duplicates += 1
    else {
      const reason = stored ? conflictReason(stored, importId) : 'the row could not be stored'
      rejectRow(importId, batch, i, reason)
      c.rejected += 1
    }
  }

  const stored = (batch: Batch, i: number, c: BatchCounts): void => {
    c.imported += 1
    c.late += batch.late[i] ?? 0
  }

  /**
   * Keep-valid: rows go in groups, one INSERT OR IGNORE each, in the order `planInserts` gives
   * (the first row of each event id, grouped by the table's key). A group that skips rows (event
   * ids stored before this batch) is sorted out afterwards from the ids it returned, rather than
   * undone: a savepoint per group made SQLite journal every page the group touched. Rows that
   * repeat an id of this batch are settled last, against whatever the batch left stored.
   */
  const writeEvents = (batch: Batch, importId: string): BatchCounts => {
    const c: BatchCounts = { imported: 0, duplicates: 0, rejected: 0, late: 0 }
    for (const r of batch.rejects) reject(importId, r)
    c.rejected += batch.rejects.length
    const { order, count, repeats } = planInserts(batch, metricSlots)
    let g = 0
    for (; g + GROUP <= count; g += GROUP) {
      let late = 0
      for (let j = 0, a = 0; j < GROUP; j++) {
        const k = order[g + j] ?? 0
        args[a++] = batch.eventId[k]
        args[a++] = batch.customerId[k]
        args[a++] = batch.metric[k]
        args[a++] = batch.micros[k]
        args[a++] = batch.ts[k]
        args[a++] = batch.late[k]
        args[a++] = batch.properties[k]
        late += batch.late[k] ?? 0
      }
      const inserted = insertMany.all(args, { importId })
      if (inserted.length === GROUP) {
        c.imported += GROUP
        c.late += late
        continue
      }
      // Event ids are unique within the group, so a returned id names exactly one row.
      const returned = new Set(inserted)
      for (let j = g; j < g + GROUP; j++) {
        const k = order[j] ?? 0
        if (returned.has(batch.eventId[k] ?? '')) stored(batch, k, c)
        else settle(batch, k, importId, c)
      }
    }
    for (; g < count; g++) {
      const k = order[g] ?? 0
      const { changes } = insertOne.run(
        batch.eventId[k],
        batch.customerId[k],
        batch.metric[k],
        batch.micros[k],
        batch.ts[k],
        batch.late[k],
        batch.properties[k],
        { importId },
      )
      if (changes === 1) stored(batch, k, c)
      else settle(batch, k, importId, c)
    }
    for (const k of repeats) settle(batch, k, importId, c)
    return c
  }

  /**
   * All-or-nothing: rows wait in usage_staging. A row already in usage_event, or staged earlier
   * in this file, is a duplicate when its content matches and rejected when it does not.
   */
  const stageEvents = (batch: Batch, importId: string): BatchCounts => {
    const c: BatchCounts = { imported: 0, duplicates: 0, rejected: batch.rejects.length, late: 0 }
    for (const r of batch.rejects) reject(importId, r)
    for (let i = 0; i < batch.valid; i++) {
      const eventId = batch.eventId[i] ?? ''
      const stored = storedEvent.get(eventId)
      if (stored) {
        if (sameContent(stored, batch, i)) c.duplicates += 1
        else {
          rejectRow(importId, batch, i, conflictReason(stored, importId))
          c.rejected += 1
        }
        continue
      }
      const staged = stage.run(
        importId,
        eventId,
        batch.customerId[i],
        batch.metric[i],
        batch.micros[i],
        batch.ts[i],
        batch.late[i],
        batch.properties[i],
        batch.rowNumber[i],
        batch.rawText(i),
      ).changes
      if (staged === 1) continue
      const first = stagedEvent.get(importId, eventId)
      if (first && sameContent(first, batch, i)) c.duplicates += 1
      else {
        rejectRow(importId, batch, i, 'event id repeated in this file with different content')
        c.rejected += 1
      }
    }
    return c
  }

  return { writeEvents, stageEvents }
}

/**
 * The end of an all-or-nothing import, inside one transaction: if an event id was imported by
 * someone else since it was staged, with different content, nothing moves and the rows in
 * conflict are rejected; otherwise every staged row moves to usage_event (same content again
 * counting as a duplicate). The staging rows are deleted either way.
 */
export const moveStaged = (
  db: Database.Database,
  importId: string,
  eventIdColumn: string,
): BatchCounts & { conflicts: number } => {
  const conflicts = db
    .prepare<[string], { row_number: number; event_id: string; raw: string; import_id: string }>(
      `SELECT s.row_number, s.event_id, s.raw, e.import_id FROM usage_staging s
       JOIN usage_event e ON e.event_id = s.event_id
       WHERE s.import_id = ? AND (e.customer_id IS NOT s.customer_id OR e.metric IS NOT s.metric
         OR e.quantity_micros IS NOT s.quantity_micros OR e.ts IS NOT s.ts)
       ORDER BY s.row_number`,
    )
    .all(importId)
  const counts = { imported: 0, duplicates: 0, rejected: 0, late: 0, conflicts: conflicts.length }
  if (conflicts.length > 0) {
    const insertReject = db.prepare(
      `INSERT INTO usage_reject (import_id, row_number, column, value, reason, raw)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    for (const c of conflicts) {
      insertReject.run(
        importId,
        c.row_number,
        eventIdColumn,
        c.event_id,
        `event id already imported from another file (import ${c.import_id}) with different content`,
        c.raw,
      )
    }
    counts.rejected = conflicts.length
  } else {
    const { duplicates, late } = db
      .prepare<[string], { duplicates: number; late: number }>(
        `SELECT COALESCE(SUM(e.event_id IS NOT NULL), 0) AS duplicates,
                COALESCE(SUM(e.event_id IS NULL AND s.late = 1), 0) AS late
         FROM usage_staging s LEFT JOIN usage_event e ON e.event_id = s.event_id
         WHERE s.import_id = ?`,
      )
      .get(importId) ?? { duplicates: 0, late: 0 }
    counts.imported = db
      .prepare(
        `INSERT OR IGNORE INTO usage_event (${COLUMNS})
         SELECT event_id, customer_id, metric, quantity_micros, ts, import_id, late, properties_json
         FROM usage_staging WHERE import_id = ? ORDER BY customer_id, metric, ts, event_id`,
      )
      .run(importId).changes
    counts.duplicates = duplicates
    counts.late = late
  }
  db.prepare('DELETE FROM usage_staging WHERE import_id = ?').run(importId)
  return counts
}
