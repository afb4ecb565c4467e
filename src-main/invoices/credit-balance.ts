import type Database from 'better-sqlite3'

export type CreditEntryInput = {
  customerId: number
  currency: string
  kind: 'grant' | 'consume' | 'restore'
  /** Signed: consumption negative, grants and restores positive. */
  amountMinor: number
  invoiceId: number
  creditNoteId?: number | null
  note: string
  at: Date
  operator: string
}

export const appendCreditEntry = (db: Database.Database, entry: CreditEntryInput): void => {
  db.prepare(
    `INSERT INTO credit_entry (customer_id, currency, kind, amount_minor, expires_at, invoice_id,
       credit_note_id, note, at, operator)
     VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
  ).run(
    entry.customerId,
    entry.currency,
    entry.kind,
    entry.amountMinor,
    entry.invoiceId,
    entry.creditNoteId ?? null,
    entry.note,
    entry.at.toISOString(),
    entry.operator,
  )
}
