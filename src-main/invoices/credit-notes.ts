import Big from 'big.js'
import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type { CreditNoteInputSchema } from '../../src-shared/domain/billing'
import { formatMinor } from '../../src-shared/money'
import { AppError } from '../errors'
import { readSettingsNow } from '../settings/settings-service'
import { dayOf } from '../calendar/business-days'
import { appendCreditEntry } from '../credits/credit-ledger'
import { auditSummary, invoiceLabel, invoiceRow, taxOf, type InvoiceRow } from './invoice-store'
import { announce } from './invoice-events'
import type { Change, ServiceOptions } from './lifecycle'
import { takeNumber } from './numbering'
import { takeCreditNoteSnapshot } from './snapshots'

type CreditNoteInput = z.output<typeof CreditNoteInputSchema>

/** The credit note's tax: its subtotal at the invoice's rate, rounded once; none when exempt. */
export const creditNoteTax = (row: InvoiceRow, subtotalMinor: number): number => {
  const tax = taxOf(row)
  if (tax === null || row.tax_exempt === 1) return 0
  return new Big(subtotalMinor).times(tax.ratePercent).div(100).round(0, Big.roundHalfUp).toNumber()
}

/** How each settlement is stored: where the money goes, and how a refund is paid back. */
const stored = {
  credit_balance: { settlement: 'credit_balance', refundMethod: null },
  stripe_refund: { settlement: 'refund', refundMethod: 'stripe' },
  paid_outside: { settlement: 'refund', refundMethod: 'outside' },
} as const

/**
 * Corrects a finalized (or paid) invoice with a numbered credit note of its own series. All the
 * credit notes of an invoice together, tax included, never exceed what it charged. The money
 * moves as the person chose: to the customer's credit balance (prepaid credit, without expiry),
 * refunded through Stripe (queued by payments; refused unless Stripe collected the invoice), or
 * paid back outside Meterbook (recorded; nothing is sent). Paying back needs a paid invoice.
 */
export const issueCreditNote = (
  db: Database.Database,
  input: CreditNoteInput,
  opts: ServiceOptions,
): Change & { creditNoteId: number } => {
  const row = invoiceRow(db, input.invoiceId)
  if (row.status !== 'finalized' && row.status !== 'paid')
    throw new AppError(
      'conflict',
      row.status === 'draft'
        ? `Invoice ${invoiceLabel(row)} is still a draft: edit or regenerate it instead of crediting it.`
        : `Invoice ${invoiceLabel(row)} is ${row.status}: only finalized or paid invoices can be credited.`,
    )
  if (input.settlement !== 'credit_balance' && row.status !== 'paid')
    throw new AppError(
      'conflict',
      `Invoice ${invoiceLabel(row)} is not paid, so there is no money to pay back: credit the customer's balance instead.`,
      { settlement: 'the invoice is not paid' },
    )
  const subtotal = input.lines.reduce((s, l) => s + l.amountMinor, 0)
  const tax = creditNoteTax(row, subtotal)
  const total = subtotal + tax
  const credited =
    db
      .prepare<[number], number>(
        'SELECT coalesce(sum(total_minor), 0) FROM credit_note WHERE invoice_id = ?',
      )
      .pluck()
      .get(row.id) ?? 0
  if (credited + total > row.total_minor) {
    const money = (minor: number): string => formatMinor(minor, row.currency, 'en-US')
    throw new AppError(
      'conflict',
      `This credit note (${money(total)} with tax) would credit more than invoice ${invoiceLabel(row)} charged: it totals ${money(row.total_minor)} and ${money(credited)} is already credited, so at most ${money(Math.max(0, row.total_minor - credited))} can still be.`,
      { lines: 'credit more than the invoice has left' },
    )
  }
  const settings = readSettingsNow(db)
  const year = dayOf(opts.now, settings.businessTimeZone).slice(0, 4)
  const number = takeNumber(db, settings.creditNotePrefix, year)
  const at = opts.now.toISOString()
  const creditNoteId = Number(
    db
      .prepare(
        `INSERT INTO credit_note (invoice_id, number, currency, reason, subtotal_minor, tax_minor,
           total_minor, settlement, refund_method, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.id,
        number,
        row.currency,
        input.reason,
        subtotal,
        tax,
        total,
        stored[input.settlement].settlement,
        stored[input.settlement].refundMethod,
        at,
        opts.operator,
      ).lastInsertRowid,
  )
  const insertLine = db.prepare(
    `INSERT INTO credit_note_line (credit_note_id, position, description, amount_minor)
     VALUES (?, ?, ?, ?)`,
  )
  input.lines.forEach((l, i) => insertLine.run(creditNoteId, i + 1, l.description, l.amountMinor))
  // What its PDF shows is frozen now, with the note: seller, customer, tax rate, time zone.
  takeCreditNoteSnapshot(db, { id: creditNoteId, number, issuedAt: at }, row, settings)
  if (input.settlement === 'credit_balance')
    appendCreditEntry(db, {
      customerId: row.customer_row_id,
      currency: row.currency,
      kind: 'grant',
      amountMinor: total,
      invoiceId: row.id,
      creditNoteId,
      note: `Credit note ${number} for invoice ${invoiceLabel(row)}`,
      at: opts.now.toISOString(),
      operator: opts.operator,
    })
  // Payments queues a Stripe refund (or refuses one, rolling all of this back).
  const handled = announce(
    db,
    {
      type: 'credit_note.issued',
      creditNoteId,
      invoiceId: row.id,
      settlement: input.settlement,
      totalMinor: total,
      currency: row.currency,
    },
    opts,
  )
  if (input.settlement === 'stripe_refund' && !handled)
    throw new AppError(
      'conflict',
      'Refunds through Stripe are not available here (payments are not set up): record the money as paid back outside Meterbook, or credit the balance.',
      { settlement: 'Stripe refunds are not available' },
    )
  return {
    id: row.id,
    creditNoteId,
    entityId: invoiceLabel(row),
    before: auditSummary(row),
    after: {
      creditNote: {
        number,
        reason: input.reason,
        subtotalMinor: subtotal,
        taxMinor: tax,
        totalMinor: total,
        settlement: input.settlement,
      },
    },
  }
}
