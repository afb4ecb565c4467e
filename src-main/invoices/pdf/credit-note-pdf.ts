import type { CreditNote, Invoice } from '../../../src-shared/domain/billing'
import type { CreditNoteSnapshot } from '../../../src-shared/domain/documents'
import { dayOf } from '../../calendar/business-days'
import { periodText } from './invoice-pdf'
import { drawHeading, drawParagraphs, drawTotals } from './parties'
import {
  CONTENT_WIDTH,
  createDocument,
  finishPages,
  money,
  toBuffer,
  type PdfOptions,
} from './pdf-kit'
import { Table } from './table'

/** What a credit note's rows do not hold: the snapshot taken when it was issued. */
export type CreditNoteSheet = Pick<
  CreditNoteSnapshot,
  'seller' | 'buyer' | 'timeZone' | 'tax' | 'taxExempt' | 'footer' | 'issuedAt'
>

const settlementText: Record<CreditNote['settlement'], (total: string) => string> = {
  credit_balance: (total) =>
    `${total} has been added to your prepaid credit balance and will be applied to your next invoices.`,
  stripe_refund: (total) => `${total} will be refunded to you.`,
  paid_outside: (total) => `${total} has been paid back to you.`,
}

/**
 * A credit note: its number, the invoice it corrects, why, what it credits, tax and total. Its
 * rows are immutable and `sheet` is its snapshot, so it renders to the same bytes every time.
 */
export const renderCreditNotePdf = async (
  note: CreditNote,
  invoice: Invoice,
  sheet: CreditNoteSheet,
  options: PdfOptions = {},
): Promise<Buffer> => {
  const tz = sheet.timeZone
  const c = note.currency
  const doc = createDocument(`Credit note ${note.number}`, new Date(sheet.issuedAt), options)
  drawHeading(doc, {
    seller: sheet.seller,
    buyer: sheet.buyer,
    title: 'CREDIT NOTE',
    facts: [
      ['Credit note number', note.number],
      ['Date', dayOf(new Date(sheet.issuedAt), tz)],
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

  const tax = sheet.tax
  drawTotals(doc, [
    { label: 'Subtotal', amount: money(note.subtotalMinor, c) },
    {
      label: sheet.taxExempt || !tax ? 'Tax' : `${tax.name} (${tax.ratePercent}%)`,
      amount: money(note.taxMinor, c),
    },
    { label: 'Total credited', amount: money(note.totalMinor, c), bold: true },
  ])
  drawParagraphs(doc, 'SETTLEMENT', [settlementText[note.settlement](money(note.totalMinor, c))])
  finishPages(doc, sheet.footer, null)
  return toBuffer(doc)
}
