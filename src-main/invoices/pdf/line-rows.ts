import type { InvoiceLine } from '../../../src-shared/domain/billing'
import type { BreakdownRow } from '../../../src-shared/domain/pricing'
import { minorUnitDigits } from '../../../src-shared/money'
import { CONTENT_WIDTH, money } from './pdf-kit'
import type { Column } from './table'

/**
 * An invoice line as table rows that reconcile: the line's own row (quantity × unit price =
 * amount, rounded once, where one price says it), then, where it takes more than one price (tiers
 * crossed, a tier's flat fee), one indented row per tier whose units × unit price + flat fee give
 * its subtotal, the subtotals adding up to the line's amount before its one rounding.
 */

/** 1234567.5 → 1,234,567.5: quantities stay exact, only grouped for reading. */
export const groupDigits = (decimal: string): string => {
  const [whole = '', fraction] = decimal.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return fraction === undefined ? grouped : `${grouped}.${fraction}`
}

/**
 * An exact decimal in major units (a unit price, a tier's unrounded subtotal), grouped and padded
 * to the currency's digits but never rounded: "0.00001", "17.335675", "5.00".
 */
export const exactDecimal = (decimal: string, currency: string): string => {
  const negative = decimal.startsWith('-')
  const [whole = '0', fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.')
  const digits = minorUnitDigits(currency)
  const padded = fraction.padEnd(digits, '0')
  return `${negative ? '-' : ''}${groupDigits(whole)}${padded ? `.${padded}` : ''}`
}

const rangeOf = (row: BreakdownRow): string => {
  const from = groupDigits(row.from)
  if (row.to === null) return row.from === '0' ? 'all units' : `over ${from}`
  return `${from} to ${groupDigits(row.to)}`
}

/** One breakdown row as a sub-row: tier, range and flat fee; units, unit price, subtotal. */
const breakdownCells = (row: BreakdownRow, currency: string): string[] => {
  const flat =
    Number(row.flat_amount) !== 0 ? ` + ${exactDecimal(row.flat_amount, currency)} flat` : ''
  const label =
    row.label !== undefined && row.tier === undefined
      ? row.label
      : row.tier === undefined
        ? rangeOf(row)
        : `Tier ${row.tier}: ${rangeOf(row)}`
  return [
    `${label}${flat}`,
    groupDigits(row.units),
    '',
    exactDecimal(row.unit_amount, currency),
    exactDecimal(row.subtotal, currency),
  ]
}

export const lineColumns = (currency: string): Column[] => {
  const w = CONTENT_WIDTH
  return [
    { header: 'Description', width: w * 0.42, align: 'left' },
    { header: 'Quantity', width: w * 0.14, align: 'right' },
    { header: 'Unit', width: w * 0.1, align: 'left' },
    { header: `Unit price (${currency})`, width: w * 0.15, align: 'right' },
    { header: 'Amount', width: w * 0.19, align: 'right' },
  ]
}

/** A single flat row repeats the line itself; tiers and flat fees explain it. */
const explained = (line: InvoiceLine): boolean =>
  line.unitAmount === null &&
  (line.breakdown.length > 1 || line.breakdown.some((row) => row.tier !== undefined))

/** The line's row (its description first, for the caller to complete), then its sub-rows. */
export const lineRows = (line: InvoiceLine, currency: string): string[][] => [
  [
    line.description,
    groupDigits(line.quantity),
    line.unit ?? '',
    line.unitAmount === null ? '' : exactDecimal(line.unitAmount, currency),
    money(line.amountMinor, currency),
  ],
  ...(explained(line) ? line.breakdown.map((row) => breakdownCells(row, currency)) : []),
]
