import type { UsageFormat } from '../../src-shared/domain/usage'
import { usageFields, type ColumnMapping } from '../../src-shared/domain/usage-fields'
import { CsvReader } from './csv-reader'
import { JsonlReader, type JsonObject } from './jsonl-reader'
import { FileRefused, type RecordReader } from './records'

/**
 * One data row as the mapping reads it: the five fields as trimmed text (undefined or '' when
 * absent) and the other columns as a JSON object text. The reader reuses one object for every
 * row, so a sink copies what it keeps.
 */
export type SourceRow = {
  rowNumber: number
  /** The row's original text is `rawSource.slice(rawStart, rawEnd)`, cut only when needed. */
  rawSource: string
  rawStart: number
  rawEnd: number
  eventId: string | undefined
  customer: string | undefined
  metric: string | undefined
  quantity: string | undefined
  timestamp: string | undefined
  properties: string | null
}

/** Why a row is rejected: the source column at fault (null for the row as a whole). */
export type Problem = { column: string | null; value: string | null; reason: string }

export type RowSink = {
  /** The file's columns (CSV: the header; JSON Lines: the first row's keys), before any row. */
  header?: (headers: string[], delimiter: string | null, raw: string) => void
  row: (row: SourceRow) => void
  reject: (rowNumber: number, raw: string, problem: Problem) => void
}

const emptyRow = (): SourceRow => ({
  rowNumber: 0,
  rawSource: '',
  rawStart: 0,
  rawEnd: 0,
  eventId: undefined,
  customer: undefined,
  metric: undefined,
  quantity: undefined,
  timestamp: undefined,
  properties: null,
})

/** Where each field sits in a CSV row, checked against the header once. */
const layoutOf = (headers: string[], mapping: ColumnMapping) => {
  const seen = new Set<string>()
  for (const header of headers) {
    if (header !== '' && seen.has(header))
      throw new FileRefused(`The header names the column "${header}" twice.`)
    seen.add(header)
  }
  const missing = usageFields.filter((field) => !seen.has(mapping[field]))
  if (missing.length > 0) {
    throw new FileRefused(
      `The file has no column ${missing
        .map((field) => `"${mapping[field]}" (for ${field})`)
        .join(', ')}; its columns are ${headers.map((h) => `"${h}"`).join(', ')}.`,
      Object.fromEntries(
        missing.map((field) => [`mapping.${field}`, `"${mapping[field]}" is not a column`]),
      ),
    )
  }
  const mapped = new Set(usageFields.map((field) => mapping[field]))
  return {
    eventId: headers.indexOf(mapping.event_id),
    customer: headers.indexOf(mapping.customer_id),
    metric: headers.indexOf(mapping.metric),
    quantity: headers.indexOf(mapping.quantity),
    timestamp: headers.indexOf(mapping.timestamp),
    properties: headers.flatMap((h, i) => (h !== '' && !mapped.has(h) ? [i] : [])),
  }
}

const csvReader = (mapping: ColumnMapping, sink: RowSink): RecordReader => {
  const row = emptyRow()
  let headers: string[] = []
  let layout: ReturnType<typeof layoutOf> | undefined
  const reader: CsvReader = new CsvReader({
    header: (names, raw) => {
      headers = names
      sink.header?.(names, reader.delimiter, raw)
      layout = layoutOf(names, mapping)
    },
    record: (rowNumber, source, start, end, cells) => {
      if (!layout) return
      if (cells.length !== headers.length) {
        sink.reject(rowNumber, source.slice(start, end), {
          column: null,
          value: null,
          reason: `the row has ${cells.length} values where the header has ${headers.length} columns`,
        })
        return
      }
      row.rowNumber = rowNumber
      row.rawSource = source
      row.rawStart = start
      row.rawEnd = end
      row.eventId = cells[layout.eventId]?.trim()
      row.customer = cells[layout.customer]?.trim()
      row.metric = cells[layout.metric]?.trim()
      row.quantity = cells[layout.quantity]?.trim()
      row.timestamp = cells[layout.timestamp]?.trim()
      row.properties = null
      if (layout.properties.length > 0) {
        const properties: Record<string, string> = {}
        let any = false
        for (const i of layout.properties) {
          const value = cells[i]
          if (value) {
            properties[headers[i] ?? ''] = value
            any = true
          }
        }
        if (any) row.properties = JSON.stringify(properties)
      }
      sink.row(row)
    },
    broken: (rowNumber, raw, reason) =>
      sink.reject(rowNumber, raw, { column: null, value: null, reason }),
  })
  return reader
}

/** A JSON value as the text a cell would hold: strings as they are, anything else as JSON. */
export const jsonText = (value: unknown): string | undefined =>
  value === undefined || value === null
    ? undefined
    : typeof value === 'string'
      ? value
      : JSON.stringify(value)

const jsonlReader = (mapping: ColumnMapping, sink: RowSink): RecordReader => {
  const row = emptyRow()
  const mapped = new Set(usageFields.map((field) => mapping[field]))
  let first = true
  return new JsonlReader({
    record: (rowNumber, source, start, end, object: JsonObject) => {
      if (first) {
        first = false
        sink.header?.(Object.keys(object), null, source.slice(start, end))
      }
      row.rowNumber = rowNumber
      row.rawSource = source
      row.rawStart = start
      row.rawEnd = end
      row.eventId = jsonText(object[mapping.event_id])?.trim()
      row.customer = jsonText(object[mapping.customer_id])?.trim()
      row.metric = jsonText(object[mapping.metric])?.trim()
      row.quantity = jsonText(object[mapping.quantity])?.trim()
      row.timestamp = jsonText(object[mapping.timestamp])?.trim()
      let properties: Record<string, string> | null = null
      for (const key of Object.keys(object)) {
        if (mapped.has(key)) continue
        const value = jsonText(object[key])
        if (value === undefined || value === '') continue
        properties ??= {}
        properties[key] = value
      }
      row.properties = properties === null ? null : JSON.stringify(properties)
      sink.row(row)
    },
    broken: (rowNumber, raw, reason) =>
      sink.reject(rowNumber, raw, { column: null, value: null, reason }),
  })
}

/** The reader for a format, handing each row to `sink` as the mapping reads it. */
export const createRowReader = (
  format: UsageFormat,
  mapping: ColumnMapping,
  sink: RowSink,
): RecordReader => (format === 'csv' ? csvReader(mapping, sink) : jsonlReader(mapping, sink))

/** Two fields mapped to one column would import the same text twice under different meanings. */
export const mappingProblems = (mapping: ColumnMapping): Record<string, string> => {
  const problems: Record<string, string> = {}
  const owner = new Map<string, string>()
  for (const field of usageFields) {
    const column = mapping[field]
    const first = owner.get(column)
    if (first) problems[`mapping.${field}`] = `"${column}" is already mapped to ${first}`
    else owner.set(column, field)
  }
  return problems
}
