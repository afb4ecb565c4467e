import type Database from 'better-sqlite3'
import type {
  BuyerDetails,
  CreditNoteSnapshot,
  InvoiceSnapshot,
  SellerDetails,
} from '../../src-shared/domain/documents'
import type { Settings } from '../../src-shared/domain/settings'
import { taxOf, type InvoiceRow } from './invoice-store'

/**
 * Freezes what an issued document shows (see src-shared/domain/documents.ts), inside the issuing
 * transaction, and reads it back for the PDF. The rows are append-only (migration 0012).
 */

export const sellerOf = (settings: Settings): SellerDetails => ({
  name: settings.companyName,
  address: settings.companyAddress,
  email: settings.companyEmail,
  taxId: settings.taxId,
})

export const buyerOf = (row: InvoiceRow): BuyerDetails => ({
  name: row.customer_name,
  externalId: row.customer_external_id,
  billingAddress: row.billing_address,
  taxRegion: row.tax_region,
})

/** "Meterbook GmbH - Invoice MB-2026-000001", or without the seller while it has no name. */
export const footerOf = (seller: SellerDetails, document: string): string =>
  `${seller.name ? `${seller.name} - ` : ''}${document}`

/**
 * Notes written for the operator, not the customer, in drafts stored before billing stopped
 * writing them: a region without a tax rate is a finalize warning now, never a printed note.
 */
const operatorNote = /^No tax rate is set for the tax region /
export const customerNotes = (notes: readonly string[]): string[] =>
  notes.filter((note) => !operatorNote.test(note))

const discountsOf = (db: Database.Database, invoiceId: number): InvoiceSnapshot['discounts'] =>
  db
    .prepare<[number], { description: string; amountMinor: number }>(
      `SELECT description, amount_minor AS amountMinor FROM invoice_discount
       WHERE invoice_id = ? ORDER BY discount_id`,
    )
    .all(invoiceId)

/** The snapshot of an invoice as it is being finalized (number, dates and due date set). */
export const invoiceSnapshotOf = (
  db: Database.Database,
  row: InvoiceRow,
  settings: Settings,
): InvoiceSnapshot => {
  const seller = sellerOf(settings)
  return {
    version: 1,
    seller,
    buyer: buyerOf(row),
    timeZone: settings.businessTimeZone,
    tax: taxOf(row),
    taxExempt: row.tax_exempt === 1,
    footer: footerOf(seller, `Invoice ${row.number ?? `draft-${row.id}`}`),
    issuedAt: row.issued_at ?? row.created_at,
    dueDate: row.due_date ?? '',
    paymentTermsDays: settings.paymentTermsDays,
    discounts: discountsOf(db, row.id),
    notes: customerNotes(JSON.parse(row.notes_json) as string[]),
  }
}

export const takeInvoiceSnapshot = (
  db: Database.Database,
  row: InvoiceRow,
  settings: Settings,
): InvoiceSnapshot => {
  const snapshot = invoiceSnapshotOf(db, row, settings)
  db.prepare(
    'INSERT INTO invoice_snapshot (invoice_id, snapshot_json, taken_at) VALUES (?, ?, ?)',
  ).run(row.id, JSON.stringify(snapshot), snapshot.issuedAt)
  return snapshot
}

/** A credit note's snapshot, taken in the transaction that issues it. */
export const takeCreditNoteSnapshot = (
  db: Database.Database,
  note: { id: number; number: string; issuedAt: string },
  invoice: InvoiceRow,
  settings: Settings,
): CreditNoteSnapshot => {
  const seller = sellerOf(settings)
  const snapshot: CreditNoteSnapshot = {
    version: 1,
    seller,
    buyer: buyerOf(invoice),
    timeZone: settings.businessTimeZone,
    tax: taxOf(invoice),
    taxExempt: invoice.tax_exempt === 1,
    footer: footerOf(seller, `Credit note ${note.number}`),
    issuedAt: note.issuedAt,
  }
  db.prepare(
    'INSERT INTO credit_note_snapshot (credit_note_id, snapshot_json, taken_at) VALUES (?, ?, ?)',
  ).run(note.id, JSON.stringify(snapshot), note.issuedAt)
  return snapshot
}

const read = <T>(db: Database.Database, sql: string, id: number): T | null => {
  const text = db.prepare<[number], string>(sql).pluck().get(id)
  return text === undefined ? null : (JSON.parse(text) as T)
}

export const invoiceSnapshot = (db: Database.Database, invoiceId: number): InvoiceSnapshot | null =>
  read(db, 'SELECT snapshot_json FROM invoice_snapshot WHERE invoice_id = ?', invoiceId)

export const creditNoteSnapshot = (
  db: Database.Database,
  creditNoteId: number,
): CreditNoteSnapshot | null =>
  read(db, 'SELECT snapshot_json FROM credit_note_snapshot WHERE credit_note_id = ?', creditNoteId)
