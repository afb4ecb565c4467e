import Papa from 'papaparse'

/**
 * A spreadsheet runs a cell that begins with one of these as a formula (or, for tab and carriage
 * return, shifts it into one): text a customer chose, such as a name `=HYPERLINK(...)`, must not.
 */
const formulaStart = /^[=+\-@\t\r]/

/** A number written as text: it stays a number, so `-12.50` is not mistaken for a formula. */
const numeric = /^-?\d+(\.\d+)?$/

export type Column<Row> = {
  header: string
  /** `number` columns hold amounts, quantities and rates; every other column is text. */
  kind: 'text' | 'number'
  value: (row: Row) => string | number | boolean | null
}

/** One cell, neutralised with a leading `'` where a spreadsheet would read it as a formula. */
export const safeCell = (
  value: string | number | boolean | null,
  kind: Column<unknown>['kind'],
): string => {
  if (value === null) return ''
  const text = String(value)
  if (kind === 'number' && numeric.test(text)) return text
  return formulaStart.test(text) ? `'${text}` : text
}

/** Rows as CSV (RFC 4180, CRLF, a header line), every cell passed through `safeCell`. */
export const toSafeCsv = <Row>(columns: Column<Row>[], rows: Row[]): string => {
  const data = rows.map((row) => columns.map((c) => safeCell(c.value(row), c.kind)))
  const fields = columns.map((c) => c.header)
  return `${Papa.unparse({ fields, data }, { newline: '\r\n' })}\r\n`
}
