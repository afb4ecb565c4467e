import type { Invoice, InvoiceLine } from '../../../src-shared/domain/billing'
import type { BreakdownRow } from '../../../src-shared/domain/pricing'
import type { Settings } from '../../../src-shared/domain/settings'
import { minorUnitDigits } from '../../../src-shared/money'
import { dayOf } from '../../calendar/business-days'
import { drawHeading, drawParagraphs, drawTotals, type Buyer } from './parties'
import {
  CONTENT_WIDTH,
  createDocument,
  finishPages,
  money,
  toBuffer,
  type PdfOptions,
} from './pdf-kit'
import { Table, type Column } from './table'

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
  const label = row.tier === undefined ? rangeOf(row) : `Tier ${row.tier}: ${rangeOf(row)}`
  return [
    `${label}${flat}`,
    groupDigits(row.units),
    '',
    exactDecimal(row.unit_amount, currency),
    exactDecimal(row.subtotal, currency),
  ]
}

const lineDescription = (line: InvoiceLine, invoice: Invoice, timeZone: string): string =>
  line.periodStart === invoice.periodStart && line.periodEnd === invoice.periodEnd
    ? line.description
    : `${line.description} (${periodText(line.periodStart, line.periodEnd, timeZone)})`

/** [start, end) as the inclusive dates people expect: "2026-10-01 to 2026-10-31". */
export const periodText = (start: string, end: string, timeZone: string): string =>
  `${dayOf(new Date(start), timeZone)} to ${dayOf(new Date(new Date(end).getTime() - 1), timeZone)}`

const totalLabel: Record<Invoice['status'], string> = {
  draft: 'Total due',
  finalized: 'Total due',
  paid: 'Total (paid)',
  void: 'Total (void, not due)',
  uncollectible: 'Total due',
}

const statusText: Record<Invoice['status'], string> = {
  draft: 'Draft',
  finalized: 'Open',
  paid: 'Paid',
  void: 'Void',
  uncollectible: 'Uncollectible',
}

/**
 * The invoice as a printable A4 document: seller and buyer, number and dates, one row per line
 * with its tier breakdown indented beneath, then discounts, tax, credit and the total. Drafts
 * carry a DRAFT watermark and no number; void invoices a VOID one.
 */
export const renderInvoicePdf = async (
  invoice: Invoice,
  buyer: Buyer,
  settings: Settings,
  options: PdfOptions = {},
): Promise<Buffer> => {
  const tz = settings.businessTimeZone
  const label = invoice.number ?? `Draft ${invoice.id}`
  const createdAt = new Date(invoice.issuedAt ?? invoice.createdAt)
  const doc = createDocument(`Invoice ${label}`, createdAt, options)
  const c = invoice.currency

  drawHeading(doc, {
    settings,
    buyer,
    title: invoice.status === 'draft' ? 'DRAFT INVOICE' : 'INVOICE',
    facts: [
      ['Invoice number', invoice.number ?? 'not yet issued'],
      ['Issue date', invoice.issuedAt ? dayOf(new Date(invoice.issuedAt), tz) : '-'],
      ['Due date', invoice.dueDate ?? '-'],
      ['Period', periodText(invoice.periodStart, invoice.periodEnd, tz)],
      ['Status', statusText[invoice.status]],
      ['Currency', c],
    ],
  })

  const w = CONTENT_WIDTH
  const columns: Column[] = [
    { header: 'Description', width: w * 0.42, align: 'left' },
    { header: 'Quantity', width: w * 0.14, align: 'right' },
    { header: 'Unit', width: w * 0.1, align: 'left' },
    { header: `Unit price (${c})`, width: w * 0.15, align: 'right' },
    { header: 'Amount', width: w * 0.19, align: 'right' },
  ]
  const table = new Table(doc, columns)
  table.header()
  if (invoice.lines.length === 0) table.row(['Nothing to bill for this period.', '', '', '', ''])
  for (const line of invoice.lines) {
    table.row([
      lineDescription(line, invoice, tz),
      groupDigits(line.quantity),
      line.unit ?? '',
      line.unitAmount === null ? '' : exactDecimal(line.unitAmount, c),
      money(line.amountMinor, c),
    ])
    // A single flat row repeats the line itself; tiers and packages explain it.
    const explains = line.breakdown.length > 1 || line.breakdown.some((r) => r.tier !== undefined)
    if (explains) for (const row of line.breakdown) table.row(breakdownCells(row, c), { sub: true })
  }
  table.rule()

  const tax = invoice.tax
  drawTotals(doc, [
    { label: 'Subtotal', amount: money(invoice.subtotalMinor, c) },
    ...invoice.discounts.map((d) => ({
      label: `Discount: ${d.description}`,
      amount: money(-d.amountMinor, c),
    })),
    {
      label: invoice.taxExempt
        ? 'Tax (customer is tax exempt)'
        : tax
          ? `${tax.name} (${tax.ratePercent}%)`
          : 'Tax',
      amount: money(invoice.taxMinor, c),
    },
    ...(invoice.creditMinor > 0
      ? [{ label: 'Prepaid credit applied', amount: money(-invoice.creditMinor, c) }]
      : []),
    {
      label: totalLabel[invoice.status],
      amount: money(invoice.totalMinor, c),
      bold: true,
    },
  ])

  drawParagraphs(
    doc,
    'CREDIT NOTES',
    invoice.creditNotes.map(
      (n) => `${n.number} of ${n.createdAt.slice(0, 10)}: ${money(-n.totalMinor, c)} (${n.reason})`,
    ),
  )
  drawParagraphs(doc, 'NOTES', invoice.notes)
  if (invoice.dueDate && invoice.status === 'finalized')
    drawParagraphs(doc, 'PAYMENT', [
      `Please pay ${money(invoice.totalMinor, c)} by ${invoice.dueDate}, quoting ${label}.`,
    ])

  finishPages(
    doc,
    `${settings.companyName ? `${settings.companyName} - ` : ''}Invoice ${label}`,
    invoice.status === 'draft' ? 'DRAFT' : invoice.status === 'void' ? 'VOID' : null,
  )
  return toBuffer(doc)
}
