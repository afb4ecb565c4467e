import type Database from 'better-sqlite3'
import Papa from 'papaparse'
import type { RejectedRow } from '../../src-shared/domain/customers'
import type { JsonValue } from '../../src-shared/domain/json'
import {
  usageFields,
  type ColumnMapping,
  type ImportPolicy,
  type ImportStatus,
  type UsageFormat,
  type UsageImport,
} from '../../src-shared/domain/usage'
import { csvDecimal, csvRows, type CsvCell } from '../documents/csv-cell'
import { AppError } from '../errors'

/**
 * What `usage_import.mapping_json` holds: the mapping, plus (once the header is read) the file's
 * own columns and delimiter, so rejected rows can be handed back in the file's original columns.
 */
export type StoredMapping = ColumnMapping & { headers?: string[]; delimiter?: string }

type ImportRow = {
  id: string
  file_name: string
  format: UsageFormat
  policy: ImportPolicy
  status: ImportStatus
  mapping_json: string
  operator: string
  started_at: string
  finished_at: string | null
  read: number
  imported: number
  duplicates: number
  rejected: number
  late: number
}

/** Records an import as running; returns its number, which its events carry (`import_seq`). */
export const insertImport = (
  db: Database.Database,
  row: {
    id: string
    fileName: string
    format: UsageFormat
    policy: ImportPolicy
    mapping: ColumnMapping
    operator: string
    startedAt: string
    /** The process running the import (db/process-owner.ts). */
    owner: string
  },
): number =>
  db
    .prepare<unknown[], number>(
      `INSERT INTO usage_import (id, seq, file_name, format, policy, status, mapping_json, operator,
         started_at, owner)
       VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM usage_import), ?, ?, ?, 'running', ?, ?, ?,
         ?)
       RETURNING seq`,
    )
    .pluck()
    .get(
      row.id,
      row.fileName,
      row.format,
      row.policy,
      JSON.stringify(row.mapping),
      row.operator,
      row.startedAt,
      row.owner,
    ) as number

type Counts = { imported: number; duplicates: number; rejected: number; late: number }

const notRunning = (id: string): AppError =>
  new AppError(
    'conflict',
    `The import ${id} is no longer running (another Meterbook process may have ended it).`,
  )

/** Adds a batch to the counters, in the batch's transaction; only while the import runs. */
export const addCounts = (db: Database.Database, id: string, read: number, c: Counts): void => {
  const changed = db
    .prepare(
      `UPDATE usage_import SET read = read + ?, imported = imported + ?,
         duplicates = duplicates + ?, rejected = rejected + ?, late = late + ?
       WHERE id = ? AND status = 'running'`,
    )
    .run(read, c.imported, c.duplicates, c.rejected, c.late, id).changes
  if (changed === 0) throw notRunning(id)
}

/** Ends a running import with its final status (and the counts of the final move, if any). */
export const endImport = (
  db: Database.Database,
  id: string,
  end: { status: ImportStatus; at: string; counts: Counts },
): void => {
  const c = end.counts
  const changed = db
    .prepare(
      `UPDATE usage_import SET status = ?, finished_at = ?, imported = imported + ?,
         duplicates = duplicates + ?, rejected = rejected + ?, late = late + ?
       WHERE id = ? AND status = 'running'`,
    )
    .run(end.status, end.at, c.imported, c.duplicates, c.rejected, c.late, id).changes
  if (changed === 0) throw notRunning(id)
}

export const saveStoredMapping = (
  db: Database.Database,
  id: string,
  stored: StoredMapping,
): void => {
  db.prepare('UPDATE usage_import SET mapping_json = ? WHERE id = ?').run(
    JSON.stringify(stored),
    id,
  )
}

/**
 * Why a file as a whole was refused (no header, a mapped column missing), kept as the rejected
 * "row 0" with the header's text: the reason is stored where the rejected rows are.
 */
export const rejectWholeFile = (
  db: Database.Database,
  id: string,
  reason: string,
  raw: string,
): void => {
  db.prepare(
    `INSERT OR REPLACE INTO usage_reject (import_id, row_number, column, value, reason, raw)
     VALUES (?, 0, NULL, NULL, ?, ?)`,
  ).run(id, reason, raw)
}

export const readStoredMapping = (json: string): StoredMapping => JSON.parse(json) as StoredMapping

const toDto = (row: ImportRow): UsageImport => {
  const stored = readStoredMapping(row.mapping_json)
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format,
    policy: row.policy,
    status: row.status,
    mapping: Object.fromEntries(usageFields.map((f) => [f, stored[f]])) as ColumnMapping,
    operator: row.operator,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    read: row.read,
    imported: row.imported,
    duplicates: row.duplicates,
    rejected: row.rejected,
    late: row.late,
  }
}

export const findImport = (db: Database.Database, id: string): UsageImport | undefined => {
  const row = db.prepare<[string], ImportRow>('SELECT * FROM usage_import WHERE id = ?').get(id)
  return row ? toDto(row) : undefined
}

export const getImport = (db: Database.Database, id: string): UsageImport => {
  const found = findImport(db, id)
  if (!found) throw new AppError('not_found', `There is no usage import "${id}".`)
  return found
}

/** Newest first; imports started in the same instant keep the order they were created in. */
export const listImports = (
  db: Database.Database,
  page: { limit: number; offset: number },
): { imports: UsageImport[]; total: number } => {
  const rows = db
    .prepare<[number, number], ImportRow>(
      'SELECT * FROM usage_import ORDER BY started_at DESC, rowid DESC LIMIT ? OFFSET ?',
    )
    .all(page.limit, page.offset)
  const total = db.prepare<[], number>('SELECT COUNT(*) FROM usage_import').pluck().get() ?? 0
  return { imports: rows.map(toDto), total }
}

export const listRejects = (
  db: Database.Database,
  input: { importId: string; limit: number; offset: number },
): { rows: RejectedRow[]; total: number } => {
  getImport(db, input.importId)
  const rows = db
    .prepare<[string, number, number], RejectedRow>(
      `SELECT row_number AS rowNumber, column, value, reason, raw FROM usage_reject
       WHERE import_id = ? ORDER BY row_number LIMIT ? OFFSET ?`,
    )
    .all(input.importId, input.limit, input.offset)
  const total =
    db
      .prepare<[string], number>('SELECT COUNT(*) FROM usage_reject WHERE import_id = ?')
      .pluck()
      .get(input.importId) ?? 0
  return { rows, total }
}

/** An audit entry written with the raw handle, inside the caller's transaction. */
export const writeAudit = (
  db: Database.Database,
  entry: {
    at: string
    operator: string
    action: string
    entityId: string
    before: JsonValue | null
    after: JsonValue | null
  },
): number =>
  Number(
    db
      .prepare(
        `INSERT INTO audit_entry (at, operator, action, entity_type, entity_id, before_json, after_json)
         VALUES (?, ?, ?, 'usage_import', ?, ?, ?)`,
      )
      .run(
        entry.at,
        entry.operator,
        entry.action,
        entry.entityId,
        entry.before === null ? null : JSON.stringify(entry.before),
        entry.after === null ? null : JSON.stringify(entry.after),
      ).lastInsertRowid,
  )

/** The counts an audit entry records about an import: what a reader of the log wants to see. */
export const auditState = (row: UsageImport): { [key: string]: JsonValue } => ({
  status: row.status,
  read: row.read,
  imported: row.imported,
  duplicates: row.duplicates,
  rejected: row.rejected,
  late: row.late,
})

const rejectsFileName = (fileName: string): string =>
  `${fileName.replace(/\.[^./\\]+$/, '')}-rejects.csv`

/**
 * The rejected rows as CSV, page by page: the file's original columns (for JSON Lines, the line
 * itself) followed by `row_number, column, value, reason`, quoted and neutralised by `csvRows`.
 */
export const writeRejectsCsv = (
  db: Database.Database,
  importId: string,
  write: (text: string) => void,
): { fileName: string } => {
  const found = db
    .prepare<[string], ImportRow>('SELECT * FROM usage_import WHERE id = ?')
    .get(importId)
  if (!found) throw new AppError('not_found', `There is no usage import "${importId}".`)
  const stored = readStoredMapping(found.mapping_json)
  const csv = found.format === 'csv'
  const columns = csv ? (stored.headers ?? []) : ['line']
  const delimiter = stored.delimiter ?? ','
  const fields = [...columns, 'row_number', 'column', 'value', 'reason']
  write(csvRows([fields]))
  const rows = db
    .prepare<[string], RejectedRow>(
      `SELECT row_number AS rowNumber, column, value, reason, raw FROM usage_reject
       WHERE import_id = ? ORDER BY row_number`,
    )
    .iterate(importId)
  let page: CsvCell[][] = []
  const flush = (): void => {
    if (page.length > 0) write(csvRows(page))
    page = []
  }
  for (const row of rows) {
    const original = csv ? splitRaw(row.raw, delimiter, columns.length) : [row.raw]
    // The file's own cells: a plain number (a quantity of -5) stays a number, anything a
    // spreadsheet would evaluate is neutralised.
    const cells = original.map(csvDecimal)
    page.push([...cells, row.rowNumber, row.column ?? '', csvDecimal(row.value ?? ''), row.reason])
    if (page.length >= 1000) flush()
  }
  flush()
  return { fileName: rejectsFileName(found.file_name) }
}

/** A stored CSV row back in its cells, as many as the header has (a short row is padded). */
const splitRaw = (raw: string, delimiter: string, width: number): string[] => {
  const cells = Papa.parse<string[]>(raw, { delimiter, newline: '\n' }).data[0] ?? []
  return Array.from({ length: width }, (_, i) => cells[i] ?? '')
}
