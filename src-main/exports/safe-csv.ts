import { cellText, csvDecimal, csvDocument, type CsvCell } from '../documents/csv-cell'

export type Column<Row> = {
  header: string
  /** `number` columns hold amounts, quantities and rates; every other column is text. */
  kind: 'text' | 'number'
  value: (row: Row) => string | number | boolean | null
}

const cellOf = (
  value: string | number | boolean | null,
  kind: Column<unknown>['kind'],
): CsvCell => {
  if (value === null) return null
  return kind === 'number' ? csvDecimal(String(value)) : String(value)
}

/**
 * One cell as written, neutralised with a leading `'` where a spreadsheet would read it as a
 * formula (the rule is `documents/csv-cell.ts`'s, shared by every CSV Meterbook writes); a number
 * column's plain numbers, negative ones included, stay numbers.
 */
export const safeCell = (
  value: string | number | boolean | null,
  kind: Column<unknown>['kind'],
): string => cellText(cellOf(value, kind))

/** Rows as CSV (RFC 4180, CRLF, a header line), every cell neutralised where it must be. */
export const toSafeCsv = <Row>(columns: Column<Row>[], rows: Row[]): string =>
  csvDocument(
    columns.map((c) => c.header),
    rows.map((row) => columns.map((c) => cellOf(c.value(row), c.kind))),
  )
