import type Database from 'better-sqlite3'
import type { Invoice } from '../../src-shared/domain/billing'
import { AppError } from '../errors'
import { readSettingsNow } from '../settings/settings-service'
import { getInvoice, invoiceLabel, invoiceRow, type InvoiceRow } from './invoice-store'
import { renderCreditNotePdf } from './pdf/credit-note-pdf'
import { renderInvoicePdf, type InvoiceSheet } from './pdf/invoice-pdf'
import type { PdfOptions } from './pdf/pdf-kit'
import {
  buyerOf,
  creditNoteSnapshot,
  customerNotes,
  footerOf,
  invoiceSnapshot,
  sellerOf,
} from './snapshots'

export type PdfFile = { pdf: Buffer; fileName: string }

/**
 * A draft is a preview of what would be issued now: the live settings and customer. Every issued
 * document has its snapshot (taken at issue, or by migration 0012 for those issued before).
 */
const liveSheet = (db: Database.Database, row: InvoiceRow, invoice: Invoice): InvoiceSheet => {
  const settings = readSettingsNow(db)
  const seller = sellerOf(settings)
  return {
    seller,
    buyer: buyerOf(row),
    timeZone: settings.businessTimeZone,
    tax: invoice.tax,
    taxExempt: invoice.taxExempt,
    footer: footerOf(seller, `Invoice ${invoice.number ?? `Draft ${invoice.id}`}`),
    discounts: invoice.discounts,
    notes: customerNotes(invoice.notes),
    issuedAt: invoice.issuedAt,
    dueDate: invoice.dueDate,
  }
}

/** The PDF of an invoice (its snapshot once issued), or of one of its credit notes. */
export const documentPdf = async (
  db: Database.Database,
  input: { id: number; creditNoteId?: number | undefined },
  options: PdfOptions = {},
): Promise<PdfFile> => {
  const row = invoiceRow(db, input.id)
  const invoice = getInvoice(db, input.id)
  if (input.creditNoteId !== undefined) {
    const note = invoice.creditNotes.find((n) => n.id === input.creditNoteId)
    if (!note)
      throw new AppError(
        'not_found',
        `Invoice ${invoiceLabel(row)} has no credit note ${input.creditNoteId}.`,
      )
    const sheet = creditNoteSnapshot(db, note.id)
    if (!sheet) throw new Error(`credit note ${note.number} has no snapshot`)
    return {
      pdf: await renderCreditNotePdf(note, invoice, sheet, options),
      fileName: `${note.number}.pdf`,
    }
  }
  const sheet =
    invoice.status === 'draft' ? liveSheet(db, row, invoice) : invoiceSnapshot(db, invoice.id)
  if (!sheet) throw new Error(`issued invoice ${invoiceLabel(row)} has no snapshot`)
  return {
    pdf: await renderInvoicePdf(invoice, sheet, options),
    fileName: `${invoiceLabel(row)}.pdf`,
  }
}
