import type Database from 'better-sqlite3'

/** A customer's prepaid credit in one currency: the credit ledger is append-only, its sum is it. */
export const creditBalanceOf = (
  db: Database.Database,
  customerId: number,
  currency: string,
): number =>
  db
    .prepare<[number, string], number>(
      `SELECT coalesce(sum(amount_minor), 0) FROM credit_entry
       WHERE customer_id = ? AND currency = ?`,
    )
    .pluck()
    .get(customerId, currency) ?? 0

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
