import type Database from 'better-sqlite3'
import { rawText, type BatchCounts, type BatchRows, type PendingReject } from './batch'

/** Rows per multi-row INSERT: one statement call for many rows is what makes the import fast. */
const GROUP = 50
const COLUMNS =
  'event_id, customer_id, metric, quantity_micros, ts, import_seq, late, properties_json'
const TUPLE = '(?, ?, ?, ?, ?, @importSeq, ?, ?)'
/**
 * Most events are neither late nor carry properties. Binding a value costs more than SQLite's
 * whole work on it, so such batches go in with those two as constants: five values per row.
 */
const PLAIN_TUPLE = '(?, ?, ?, ?, ?, @importSeq, 0, NULL)'

type StoredEvent = {
  rowid: bigint
  customer_id: bigint
  metric: string
  quantity_micros: bigint
  ts: bigint
  import_id: string
}

/** Same content: the same customer, metric, quantity and instant (properties only describe). */
const sameContent = (stored: StoredEvent, batch: BatchRows, i: number): boolean =>
  stored.customer_id === BigInt(batch.customerId[i] ?? 0) &&
  stored.metric === batch.metrics[batch.metric[i] ?? 0] &&
  stored.quantity_micros === BigInt(batch.micros[i] ?? 0) &&
  stored.ts === BigInt(batch.ts[i] ?? 0)

const conflictReason = (stored: StoredEvent, importId: string): string =>
  stored.import_id === importId
    ? 'event id repeated in this file with different content'
    : `event id already imported from another file (import ${stored.import_id}) with different content`

/**
 * Which import a batch belongs to (its id, and the number its events carry), and the column its
 * event ids came from (for rejects).
 */
export type WriteTarget = { importId: string; importSeq: number; eventIdColumn: string }

/** An event as stored, with the id of the import that stored it. */
const STORED_EVENT = `SELECT e.rowid, e.customer_id, e.metric, e.quantity_micros, e.ts, i.id AS import_id
  FROM usage_event e JOIN usage_import i ON i.seq = e.import_seq WHERE e.event_id = ?`

/** The statements imports write with, prepared once per connection. */
export const prepareWriter = (db: Database.Database) => {
  /** A GROUP-row INSERT, and the array its values are gathered in (reused group to group). */
  const insertGroup = (tuple: string) => ({
    statement: db.prepare(
      `INSERT OR IGNORE INTO usage_event (${COLUMNS}) VALUES ${Array(GROUP).fill(tuple).join(', ')}`,
    ),
    values: new Array<unknown>(GROUP * (tuple.match(/\?/g) ?? []).length),
  })
  const fullGroup = insertGroup(TUPLE)
  const plainGroup = insertGroup(PLAIN_TUPLE)
  const insertOne = db.prepare(`INSERT OR IGNORE INTO usage_event (${COLUMNS}) VALUES ${TUPLE}`)
  const storedEvent = db.prepare<[string], StoredEvent>(STORED_EVENT).safeIntegers(true)
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
      `SELECT rowid, customer_id, metric, quantity_micros, ts, import_id FROM usage_staging
       WHERE import_id = ? AND event_id = ?`,
    )
    .safeIntegers(true)

  const reject = (importId: string, r: PendingReject): void => {
    insertReject.run(importId, r.rowNumber, r.column, r.value, r.reason, r.raw)
  }

  const rejectRow = (into: WriteTarget, batch: BatchRows, i: number, reason: string): void => {
    const eventId = batch.eventId[i] ?? ''
    const { importId, eventIdColumn } = into
    insertReject.run(
      importId,
      batch.rowNumber[i],
      eventIdColumn,
      eventId,
      reason,
      rawText(batch, i),
    )
  }

  /** Row by row: an ignored insert is compared with what is stored, duplicate or conflict. */
  const insertEach = (
    batch: BatchRows,
    from: number,
    to: number,
    into: WriteTarget,
    c: BatchCounts,
  ) => {
    const { importSeq } = into
    for (let i = from; i < to; i++) {
      const changes = insertOne.run(
        batch.eventId[i],
        batch.customerId[i],
        batch.metrics[batch.metric[i] ?? 0],
        batch.micros[i],
        batch.ts[i],
        batch.late[i],
        batch.properties[i],
        { importSeq },
      ).changes
      if (changes === 1) {
        c.imported += 1
        c.late += batch.late[i] ?? 0
        continue
      }
      const stored = storedEvent.get(batch.eventId[i] ?? '')
      if (stored && sameContent(stored, batch, i)) c.duplicates += 1
      else {
        rejectRow(
          into,
          batch,
          i,
          stored ? conflictReason(stored, into.importId) : 'the row could not be stored',
        )
        c.rejected += 1
      }
    }
  }

  /**
   * A group whose INSERT skipped some rows: the rows it inserted carry the newest rowids (from
   * `firstNew`), the others were already stored, here or earlier in this file.
   */
  const resolveGroup = (
    batch: BatchRows,
    from: number,
    into: WriteTarget,
    firstNew: bigint,
    c: BatchCounts,
  ) => {
    const claimed = new Set<string>()
    for (let i = from; i < from + GROUP; i++) {
      const eventId = batch.eventId[i] ?? ''
      const stored = storedEvent.get(eventId)
      if (stored && stored.rowid >= firstNew && !claimed.has(eventId)) {
        claimed.add(eventId)
        c.imported += 1
        c.late += batch.late[i] ?? 0
      } else if (stored && sameContent(stored, batch, i)) c.duplicates += 1
      else {
        const reason = stored
          ? conflictReason(stored, into.importId)
          : 'the row could not be stored'
        rejectRow(into, batch, i, reason)
        c.rejected += 1
      }
    }
  }

  /**
   * Keep-valid: rows go in groups, one INSERT OR IGNORE each. A group that skips rows (event
   * ids already stored) is sorted out afterwards from the rowids it assigned, rather than undone:
   * a savepoint per group made SQLite journal every page the group touched.
   */
  const writeEvents = (batch: BatchRows, into: WriteTarget): BatchCounts => {
    const { importId, importSeq } = into
    const c: BatchCounts = { imported: 0, duplicates: 0, rejected: 0, late: 0 }
    for (const r of batch.rejects) reject(importId, r)
    c.rejected += batch.rejects.length
    const valid = batch.eventId.length
    const plain =
      batch.late.every((late) => late === 0) && batch.properties.every((p) => p === null)
    const { statement, values } = plain ? plainGroup : fullGroup
    let i = 0
    for (; i + GROUP <= valid; i += GROUP) {
      for (let j = 0, a = 0; j < GROUP; j++) {
        const k = i + j
        values[a++] = batch.eventId[k]
        values[a++] = batch.customerId[k]
        values[a++] = batch.metrics[batch.metric[k] ?? 0]
        values[a++] = batch.micros[k]
        values[a++] = batch.ts[k]
        if (plain) continue
        values[a++] = batch.late[k]
        values[a++] = batch.properties[k]
      }
      // Spread, the values reach the binding as arguments: cheaper than reading an array's items.
      const { changes, lastInsertRowid } = statement.run(...values, { importSeq })
      if (changes === GROUP) {
        c.imported += GROUP
        for (let j = i; j < i + GROUP; j++) c.late += batch.late[j] ?? 0
      } else {
        // Rowids of one statement's rows are consecutive: max + 1 each.
        const firstNew = changes === 0 ? 1n << 62n : BigInt(lastInsertRowid) - BigInt(changes) + 1n
        resolveGroup(batch, i, into, firstNew, c)
      }
    }
    insertEach(batch, i, valid, into, c)
    return c
  }

  /**
   * All-or-nothing: rows wait in usage_staging. A row already in usage_event, or staged earlier
   * in this file, is a duplicate when its content matches and rejected when it does not.
   */
  const stageEvents = (batch: BatchRows, into: WriteTarget): BatchCounts => {
    const { importId } = into
    const c: BatchCounts = { imported: 0, duplicates: 0, rejected: batch.rejects.length, late: 0 }
    for (const r of batch.rejects) reject(importId, r)
    for (let i = 0; i < batch.eventId.length; i++) {
      const eventId = batch.eventId[i] ?? ''
      const stored = storedEvent.get(eventId)
      if (stored) {
        if (sameContent(stored, batch, i)) c.duplicates += 1
        else {
          rejectRow(into, batch, i, conflictReason(stored, importId))
          c.rejected += 1
        }
        continue
      }
      const staged = stage.run(
        importId,
        eventId,
        batch.customerId[i],
        batch.metrics[batch.metric[i] ?? 0],
        batch.micros[i],
        batch.ts[i],
        batch.late[i],
        batch.properties[i],
        batch.rowNumber[i],
        rawText(batch, i),
      ).changes
      if (staged === 1) continue
      const first = stagedEvent.get(importId, eventId)
      if (first && sameContent(first, batch, i)) c.duplicates += 1
      else {
        rejectRow(into, batch, i, 'event id repeated in this file with different content')
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
  into: WriteTarget,
): BatchCounts & { conflicts: number } => {
  const { importId, importSeq, eventIdColumn } = into
  const conflicts = db
    .prepare<[string], { row_number: number; event_id: string; raw: string; import_id: string }>(
      `SELECT s.row_number, s.event_id, s.raw, i.id AS import_id FROM usage_staging s
       JOIN usage_event e ON e.event_id = s.event_id JOIN usage_import i ON i.seq = e.import_seq
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
         SELECT event_id, customer_id, metric, quantity_micros, ts, ?, late, properties_json
         FROM usage_staging WHERE import_id = ? ORDER BY row_number`,
      )
      .run(importSeq, importId).changes
    counts.duplicates = duplicates
    counts.late = late
  }
  db.prepare('DELETE FROM usage_staging WHERE import_id = ?').run(importId)
  return counts
}
