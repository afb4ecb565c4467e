import type { Invoice, InvoiceLine } from '../../../src-shared/domain/billing'
import type { InvoiceSnapshot } from '../../../src-shared/domain/documents'
import { dayOf } from '../../calendar/business-days'
import { lineColumns, lineRows } from './line-rows'
import { drawHeading, drawParagraphs, drawTotals } from './parties'
import { createDocument, finishPages, money, toBuffer, type PdfOptions } from './pdf-kit'
import { Table } from './table'

export { exactDecimal, groupDigits } from './line-rows'

const lineDescription = (line: InvoiceLine, invoice: Invoice, timeZone: string): string =>
  line.periodStart === invoice.periodStart && line.periodEnd === invoice.periodEnd
    ? line.description
    : `${line.description} (${periodText(line.periodStart, line.periodEnd, timeZone)})`

/** [start, end) as the inclusive dates people expect: "2026-10-01 to 2026-10-31". */
export const periodText = (start: string, end: string, timeZone: string): string =>
  `${dayOf(new Date(start), timeZone)} to ${dayOf(new Date(new Date(end).getTime() - 1), timeZone)}`

/** What the invoice's rows do not hold: its snapshot once issued, live data while a draft. */
export type InvoiceSheet = Pick<
  InvoiceSnapshot,
  'seller' | 'buyer' | 'timeZone' | 'tax' | 'taxExempt' | 'footer' | 'discounts' | 'notes'
> & { issuedAt: string | null; dueDate: string | null }

const taxLabel = (sheet: Pick<InvoiceSheet, 'tax' | 'taxExempt'>): string =>
  sheet.taxExempt
    ? 'Tax (customer is tax exempt)'
    : sheet.tax
      ? `${sheet.tax.name} (${sheet.tax.ratePercent}%)`
      : 'Tax'

/**
 * The invoice as a printable A4 document: seller and buyer, number and dates, one row per line
 * with its breakdown indented beneath, then discounts, tax, credit and the total.
 *
 * An issued invoice prints only what it was issued with (`sheet` is its snapshot; number, lines
 * and totals are immutable rows), dated by its issue: it renders to the same bytes whenever it is
 * rendered, whatever Settings or the customer say now. Its later life (payments, credit notes) is
 * not printed on it; only a void invoice is stamped VOID, which is final. Drafts carry a DRAFT
 * watermark and no number.
 */
export const renderInvoicePdf = async (
  invoice: Invoice,
  sheet: InvoiceSheet,
  options: PdfOptions = {},
): Promise<Buffer> => {
  const tz = sheet.timeZone
  const draft = invoice.status === 'draft'
  const label = invoice.number ?? `Draft ${invoice.id}`
  const createdAt = new Date(sheet.issuedAt ?? invoice.createdAt)
  const doc = createDocument(`Invoice ${label}`, createdAt, options)
  const c = invoice.currency

  drawHeading(doc, {
    seller: sheet.seller,
    buyer: sheet.buyer,
    title: draft ? 'DRAFT INVOICE' : 'INVOICE',
    facts: [
      ['Invoice number', invoice.number ?? 'not yet issued'],
      ['Issue date', sheet.issuedAt ? dayOf(new Date(sheet.issuedAt), tz) : '-'],
      ['Due date', sheet.dueDate || '-'],
      ['Period', periodText(invoice.periodStart, invoice.periodEnd, tz)],
      ['Currency', c],
    ],
  })

  const table = new Table(doc, lineColumns(c))
  table.header()
  if (invoice.lines.length === 0) table.row(['Nothing to bill for this period.', '', '', '', ''])
  for (const line of invoice.lines) {
    const rows = lineRows(line, c)
    const [main, ...details] = rows
    if (main) table.row([lineDescription(line, invoice, tz), ...main.slice(1)])
    for (const row of details) table.row(row, { sub: true })
  }
  table.rule()

  drawTotals(doc, [
    { label: 'Subtotal', amount: money(invoice.subtotalMinor, c) },
    ...sheet.discounts.map((d) => ({
      label: `Discount: ${d.description}`,
      amount: money(-d.amountMinor, c),
    })),
    { label: taxLabel(sheet), amount: money(invoice.taxMinor, c) },
    ...(invoice.creditMinor > 0
      ? [{ label: 'Prepaid credit applied', amount: money(-invoice.creditMinor, c) }]
      : []),
    { label: 'Total due', amount: money(invoice.totalMinor, c), bold: true },
  ])

  drawParagraphs(doc, 'NOTES', sheet.notes)
  if (!draft && sheet.dueDate)
    drawParagraphs(doc, 'PAYMENT', [
      `Please pay ${money(invoice.totalMinor, c)} by ${sheet.dueDate}, quoting ${label}.`,
    ])

  finishPages(doc, sheet.footer, draft ? 'DRAFT' : invoice.status === 'void' ? 'VOID' : null)
  return toBuffer(doc)
}
