import Papa from 'papaparse'

/**
 * A cell of a CSV Meterbook writes. Numbers (minor units, counts) are written as numbers; a
 * decimal string meant as a number (a quantity) is wrapped by `csvDecimal`; every other string is
 * text and may come from a customer, a usage file or Stripe.
 */
export type CsvCell = string | number | bigint | null | undefined | CsvDecimal

export type CsvDecimal = { readonly decimal: string }

/**
 * Spreadsheets run a cell that starts with one of these as a formula (tab and carriage return
 * because some strip them first), so a customer named `=HYPERLINK(...)` could exfiltrate or run
 * commands when finance opens the export (OWASP "CSV injection").
 */
const formulaStart = /^[=+\-@\t\r]/

const plainDecimal = /^-?\d+(\.\d+)?$/

/** Text for a CSV cell: one that a spreadsheet would evaluate is prefixed with `'`. */
export const csvText = (value: string): string => (formulaStart.test(value) ? `'${value}` : value)

/** A decimal string for a numeric column: a plain number (`-500`, `0.25`) stays as it is. */
export const csvDecimal = (decimal: string): CsvDecimal => ({ decimal })

/** A cell's text as written, before CSV quoting. */
export const cellText = (cell: CsvCell): string => {
  if (cell === null || cell === undefined) return ''
  if (typeof cell === 'number' || typeof cell === 'bigint') return String(cell)
  if (typeof cell === 'string') return csvText(cell)
  // Anything else in a "numeric" column is not a number, so it gets the text treatment.
  return plainDecimal.test(cell.decimal) ? cell.decimal : csvText(cell.decimal)
}

/** Rows as CSV text, each ending in CRLF, quoted where needed by Papa Parse. */
export const csvRows = (rows: readonly (readonly CsvCell[])[]): string =>
  rows.length === 0
    ? ''
    : `${Papa.unparse(
        rows.map((row) => row.map(cellText)),
        { newline: '\r\n' },
      )}\r\n`

/** A whole CSV document: the header line, then the rows. */
export const csvDocument = (
  fields: readonly string[],
  rows: readonly (readonly CsvCell[])[],
): string => csvRows([fields, ...rows])
