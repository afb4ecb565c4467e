import type Database from 'better-sqlite3'
import {
  usageFields,
  type ColumnMapping,
  type UsageFormat,
  type UsagePreview,
} from '../../src-shared/domain/usage'
import { AppError } from '../errors'
import { lazyCustomerDirectory } from './customer-directory'
import { CsvReader } from './csv-reader'
import { JsonlReader, type JsonObject } from './jsonl-reader'
import { mappingFor } from './mappings'
import { FileRefused } from './records'
import { createRowReader, jsonText, mappingProblems, type SourceRow } from './row-source'
import { RowValidator, emptyValidRow } from './row-validator'

type SampleRow = {
  rowNumber: number
  cells: Record<string, string>
  errors: Record<string, string>
}

/** The first rows of the sample as cells by column: what the person recognises from the file. */
const readCells = (format: UsageFormat, sample: string, limit: number) => {
  const rows: SampleRow[] = []
  const headers: string[] = []
  let firstKeys: string[] | null = null
  const broken = (rowNumber: number, _raw: string, reason: string): void => {
    if (rows.length < limit) rows.push({ rowNumber, cells: {}, errors: { '': reason } })
  }
  if (format === 'csv') {
    const reader = new CsvReader({
      header: (names) => headers.push(...names),
      record: (rowNumber, _source, _start, _end, cells) => {
        if (rows.length >= limit) return
        const byColumn: Record<string, string> = {}
        headers.forEach((h, i) => (byColumn[h] = cells[i] ?? ''))
        rows.push({ rowNumber, cells: byColumn, errors: {} })
      },
      broken,
    })
    reader.feed(sample)
    return { headers, delimiter: reader.delimiter, rows, keys: headers }
  }
  const seen = new Set<string>()
  new JsonlReader({
    record: (rowNumber, _source, _start, _end, object: JsonObject) => {
      firstKeys ??= Object.keys(object)
      if (rows.length >= limit) return
      const cells: Record<string, string> = {}
      for (const key of Object.keys(object)) {
        if (!seen.has(key)) headers.push(key)
        seen.add(key)
        cells[key] = jsonText(object[key]) ?? ''
      }
      rows.push({ rowNumber, cells, errors: {} })
    },
    broken,
  }).feed(sample)
  return { headers, delimiter: null, rows, keys: firstKeys ?? [] }
}

/**
 * The columns a file's first chunk shows (CSV: its header; JSON Lines: the first row's keys):
 * what a remembered or detected mapping is looked up by. Empty if none can be read.
 */
export const sampleColumns = (format: UsageFormat, sample: string): string[] => {
  try {
    return readCells(format, sample, 1).keys
  } catch (error) {
    if (error instanceof FileRefused) return []
    throw error
  }
}

/** A mapping that names columns the sample does not have, as errors under each select. */
const checkMapping = (mapping: ColumnMapping, headers: string[]): void => {
  const fields = mappingProblems(mapping)
  for (const field of usageFields) {
    if (headers.length > 0 && !headers.includes(mapping[field]))
      fields[`mapping.${field}`] ??= `"${mapping[field]}" is not a column of the file`
  }
  if (Object.keys(fields).length > 0) {
    throw new AppError(
      'validation_failed',
      `The mapping does not fit the file: ${Object.values(fields).join('; ')}.`,
      fields,
    )
  }
}

/**
 * The first rows of a file as the import would read them, each bad cell with its reason (the
 * row's own problems under the empty column name). Reads the ledger, never writes to it.
 */
export const previewUsage = (
  db: Database.Database,
  input: { format: UsageFormat; sample: string; mapping?: ColumnMapping | undefined; rows: number },
): UsagePreview => {
  let sample: ReturnType<typeof readCells>
  try {
    sample = readCells(input.format, input.sample, input.rows)
  } catch (error) {
    if (error instanceof FileRefused) throw new AppError('validation_failed', error.message)
    throw error
  }
  const mapping = input.mapping ?? mappingFor(db, sample.keys)
  const result = { headers: sample.headers, mapping, delimiter: sample.delimiter }
  if (!mapping) return { ...result, rows: sample.rows }
  checkMapping(mapping, sample.headers)

  const byNumber = new Map(sample.rows.map((row) => [row.rowNumber, row]))
  const validator = new RowValidator(mapping, lazyCustomerDirectory(db))
  const stored = db
    .prepare<[string], { customer_id: bigint; metric: string; micros: bigint; ts: bigint }>(
      'SELECT customer_id, metric, quantity_micros AS micros, ts FROM usage_event WHERE event_id = ?',
    )
    .safeIntegers(true)
  // Event id → the content it first came with in this sample.
  const seen = new Map<string, string>()
  const out = emptyValidRow()
  const check = (row: SourceRow): void => {
    const target = byNumber.get(row.rowNumber)
    if (!target) return
    for (const problem of validator.problems(row))
      target.errors[problem.column ?? ''] ??= problem.reason
    if (Object.keys(target.errors).length > 0 || validator.check(row, out) !== null) return
    // As the import decides: against the stored event if there is one, else against the
    // first row of the file with this id.
    const existing = stored.get(out.eventId)
    if (existing) {
      const same =
        existing.customer_id === BigInt(out.customerId) &&
        existing.metric === out.metric &&
        existing.micros === BigInt(out.micros) &&
        existing.ts === BigInt(out.ts)
      if (!same)
        target.errors[mapping.event_id] =
          'event id already imported from another file with different content'
      return
    }
    const content = [out.customerId, out.metric, out.micros, out.ts].join('\u0000')
    const earlier = seen.get(out.eventId)
    if (earlier === undefined) seen.set(out.eventId, content)
    else if (earlier !== content)
      target.errors[mapping.event_id] = 'event id repeated in this file with different content'
  }
  const reader = createRowReader(input.format, mapping, {
    row: check,
    reject: (rowNumber, _raw, problem) => {
      const target = byNumber.get(rowNumber)
      if (target) target.errors[problem.column ?? ''] ??= problem.reason
    },
  })
  try {
    reader.feed(input.sample)
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error
  }
  return { ...result, rows: sample.rows }
}
