import type { CreditNote, Invoice } from '../../../src-shared/domain/billing'
import type { Settings } from '../../../src-shared/domain/settings'
import { dayOf } from '../../calendar/business-days'
import { periodText } from './invoice-pdf'
import { drawHeading, drawParagraphs, drawTotals, type Buyer } from './parties'
import {
  CONTENT_WIDTH,
  createDocument,
  finishPages,
  money,
  toBuffer,
  type PdfOptions,
} from './pdf-kit'
import { Table } from './table'

/** A credit note: its number, the invoice it corrects, why, what it credits, tax and total. */
export const renderCreditNotePdf = async (
  note: CreditNote,
  invoice: Invoice,
  buyer: Buyer,
  settings: Settings,
  options: PdfOptions = {},
): Promise<Buffer> => {
  const tz = settings.businessTimeZone
  const c = note.currency
  const doc = createDocument(`Credit note ${note.number}`, new Date(note.createdAt), options)
  drawHeading(doc, {
    settings,
    buyer,
    title: 'CREDIT NOTE',
    facts: [
      ['Credit note number', note.number],
      ['Date', dayOf(new Date(note.createdAt), tz)],
      ['Corrects invoice', note.invoiceNumber],
      ['Invoice date', invoice.issuedAt ? dayOf(new Date(invoice.issuedAt), tz) : '-'],
      ['Invoice period', periodText(invoice.periodStart, invoice.periodEnd, tz)],
      ['Currency', c],
    ],
  })
  drawParagraphs(doc, 'REASON', [note.reason])
  doc.moveDown(1)

  const table = new Table(doc, [
    { header: 'Description', width: CONTENT_WIDTH * 0.75, align: 'left' },
    { header: 'Amount', width: CONTENT_WIDTH * 0.25, align: 'right' },
  ])
  table.header()
  for (const line of note.lines) table.row([line.description, money(line.amountMinor, c)])
  table.rule()

  const tax = invoice.tax
  drawTotals(doc, [
    { label: 'Subtotal', amount: money(note.subtotalMinor, c) },
    {
      label: invoice.taxExempt || !tax ? 'Tax' : `${tax.name} (${tax.ratePercent}%)`,
      amount: money(note.taxMinor, c),
    },
    { label: 'Total credited', amount: money(note.totalMinor, c), bold: true },
  ])
  drawParagraphs(doc, 'SETTLEMENT', [
    note.settlement === 'credit_balance'
      ? `${money(note.totalMinor, c)} has been added to your prepaid credit balance and will be applied to your next invoices.`
      : `${money(note.totalMinor, c)} will be refunded to you.`,
  ])
  finishPages(
    doc,
    `${settings.companyName ? `${settings.companyName} - ` : ''}Credit note ${note.number}`,
    null,
  )
  return toBuffer(doc)
}
