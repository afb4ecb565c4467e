import Big from 'big.js'
import type Database from 'better-sqlite3'
import type { ManualLineInputSchema } from '../../src-shared/domain/billing'
import type { z } from 'zod'
import { AppError } from '../errors'
import { roundToMinor } from '../pricing/rounding'
import { availableCredit } from '../credits/credit-ledger'
import { formatMinor } from '../../src-shared/money'
import { boundText, MAX_AMOUNT_MINOR as MAX_LINE, withinBound } from '../../src-shared/money-bounds'
import { auditSummary, invoiceLabel, invoiceRow, taxOf, type InvoiceRow } from './invoice-store'
import { checkTotalsBound } from './totals-check'
import type { Change, ServiceOptions } from './lifecycle'

type ManualLine = z.output<typeof ManualLineInputSchema>

/** A draft, or a clear refusal: finalized invoices are corrected by credit notes only. */
export const draftRow = (db: Database.Database, id: number): InvoiceRow => {
  const row = invoiceRow(db, id)
  if (row.status !== 'draft')
    throw new AppError(
      'conflict',
      `Invoice ${invoiceLabel(row)} is ${row.status} and can no longer be changed; issue a credit note to correct it.`,
    )
  return row
}

/**
 * A draft's totals from its lines as they now are: the stored discounts stay, tax is recomputed
 * at the stored rate on (subtotal − discount), and prepaid credit covers what it can of the new
 * amount, up to the customer's balance.
 */
export const recomputeDraftTotals = (db: Database.Database, row: InvoiceRow, now: Date): void => {
  const sum = (sql: string): number => db.prepare<[number], number>(sql).pluck().get(row.id) ?? 0
  const subtotal = sum(
    'SELECT coalesce(sum(amount_minor), 0) FROM invoice_line WHERE invoice_id = ?',
  )
  const discount = sum(
    'SELECT coalesce(sum(amount_minor), 0) FROM invoice_discount WHERE invoice_id = ?',
  )
  const tax = taxOf(row)
  const taxable = Math.max(0, subtotal - discount)
  const taxMinor =
    tax === null || row.tax_exempt === 1
      ? 0
      : new Big(taxable).times(tax.ratePercent).div(100).round(0, Big.roundHalfUp).toNumber()
  const due = Math.max(0, subtotal - discount + taxMinor)
  const balance = Math.max(0, availableCredit(db, row.customer_row_id, row.currency, now))
  const credit = Math.min(balance, due)
  const totalMinor = subtotal - discount - credit + taxMinor
  checkTotalsBound(
    { subtotalMinor: subtotal, discountMinor: discount, creditMinor: credit, taxMinor, totalMinor },
    invoiceLabel(row),
    row.currency,
  )
  db.prepare(
    `UPDATE invoice SET subtotal_minor = ?, discount_minor = ?, tax_minor = ?, credit_minor = ?,
       total_minor = ?, updated_at = ?
     WHERE id = ? AND status = 'draft'`,
  ).run(subtotal, discount, taxMinor, credit, totalMinor, now.toISOString(), row.id)
}

/**
 * A line added by hand: quantity × unit amount, rounded once (half up) to the currency, at most
 * the line bound either way. A negative unit amount makes it a reduction (a credit on this
 * invoice); a reduction may not take the subtotal below zero, as an invoice never owes the
 * customer: that is prepaid credit's or a credit note's work.
 */
export const addManualLine = (
  db: Database.Database,
  input: ManualLine,
  opts: ServiceOptions,
): Change => {
  const row = draftRow(db, input.invoiceId)
  const amountMinor = roundToMinor(
    new Big(input.quantity).times(input.unitAmount),
    row.currency,
    'half_up',
  )
  const money = (minor: number): string => formatMinor(minor, row.currency, 'en-US')
  if (!withinBound(amountMinor))
    throw new AppError(
      'validation_failed',
      `A line of ${money(amountMinor)} is past the limit of ${money(Math.sign(amountMinor) * MAX_LINE)} (${boundText}) per line.`,
      { unitAmount: `quantity × unit amount must be at most ${boundText}` },
    )
  if (amountMinor < 0 && row.subtotal_minor + amountMinor < 0)
    throw new AppError(
      'validation_failed',
      `A reduction of ${money(-amountMinor)} would take invoice ${invoiceLabel(row)} below zero (its subtotal is ${money(row.subtotal_minor)}); grant prepaid credit for the rest instead.`,
      { unitAmount: `the reduction must be at most the subtotal (${money(row.subtotal_minor)})` },
    )
  const position =
    (db
      .prepare<[number], number>(
        'SELECT coalesce(max(position), 0) FROM invoice_line WHERE invoice_id = ?',
      )
      .pluck()
      .get(row.id) ?? 0) + 1
  db.prepare(
    `INSERT INTO invoice_line (invoice_id, position, kind, feature_code, description, quantity,
       unit, unit_amount, amount_minor, breakdown_json, usage_quantity, period_start, period_end)
     VALUES (?, ?, 'manual', NULL, ?, ?, NULL, ?, ?, '[]', NULL, ?, ?)`,
  ).run(
    row.id,
    position,
    input.description,
    new Big(input.quantity).toString(),
    new Big(input.unitAmount).toString(),
    amountMinor,
    row.period_start,
    row.period_end,
  )
  recomputeDraftTotals(db, row, opts.now)
  const after = auditSummary(invoiceRow(db, row.id))
  return {
    id: row.id,
    entityId: invoiceLabel(row),
    before: auditSummary(row),
    after: { invoice: after, addedLine: { description: input.description, amountMinor } },
  }
}

/** Only lines added by hand can go: the others are the calculation's and come back with it. */
export const removeManualLine = (
  db: Database.Database,
  invoiceId: number,
  lineId: number,
  opts: ServiceOptions,
): Change => {
  const row = draftRow(db, invoiceId)
  const line = db
    .prepare<[number, number], { kind: string; description: string; amount_minor: number }>(
      'SELECT kind, description, amount_minor FROM invoice_line WHERE id = ? AND invoice_id = ?',
    )
    .get(lineId, invoiceId)
  if (!line) throw new AppError('not_found', `Invoice ${invoiceLabel(row)} has no line ${lineId}.`)
  if (line.kind !== 'manual')
    throw new AppError(
      'conflict',
      `"${line.description}" was calculated by billing and cannot be removed by hand; only lines added by hand can. Regenerate the draft to recompute it.`,
    )
  db.prepare('DELETE FROM invoice_line WHERE id = ?').run(lineId)
  recomputeDraftTotals(db, row, opts.now)
  return {
    id: row.id,
    entityId: invoiceLabel(row),
    before: auditSummary(row),
    after: {
      invoice: auditSummary(invoiceRow(db, row.id)),
      removedLine: { description: line.description, amountMinor: line.amount_minor },
    },
  }
}
