import type Database from 'better-sqlite3'
import type {
  DisputeResolution,
  DisputeSource,
  DisputeStatus,
} from '../../src-shared/domain/disputes'
import type { JsonValue } from '../../src-shared/domain/json'
import { boundText, withinBound } from '../../src-shared/money-bounds'
import { AppError } from '../errors'
import { findInvoiceRow, invoiceLabel, type InvoiceRow } from '../invoices/invoice-store'
import type { ServiceOptions } from '../invoices/lifecycle'
import { appendStep } from './dispute-store'

/** What a dispute's audit entry records of it. */
export const disputeSummary = (row: {
  status: DisputeStatus
  resolution: DisputeResolution | null
  amountMinor: number
  currency: string
  deadline: string | null
}): JsonValue => ({
  status: row.status,
  resolution: row.resolution,
  amountMinor: row.amountMinor,
  currency: row.currency,
  deadline: row.deadline,
})

/** The invoice a dispute is about: it must exist and have charged something (finalized or paid). */
export const disputedInvoice = (db: Database.Database, invoiceId: number): InvoiceRow => {
  const invoice = findInvoiceRow(db, invoiceId)
  if (!invoice)
    throw new AppError('not_found', `There is no invoice ${invoiceId}.`, {
      invoiceId: 'no such invoice',
    })
  if (invoice.status !== 'finalized' && invoice.status !== 'paid')
    throw new AppError(
      'conflict',
      `Invoice ${invoiceLabel(invoice)} is ${invoice.status}: only finalized or paid invoices can be disputed.`,
      { invoiceId: `the invoice is ${invoice.status}` },
    )
  return invoice
}

export type NewDispute = {
  invoice: InvoiceRow
  lineId: number | null
  source: DisputeSource
  stripeDisputeId: string | null
  reason: string
  contact: string
  amountMinor: number
  deadline: string | null
  status: DisputeStatus
  resolution: DisputeResolution | null
  note: string
}

/** Writes a dispute and its first step; the amount is checked against the money bound first. */
export const insertDispute = (
  db: Database.Database,
  d: NewDispute,
  opts: ServiceOptions,
): number => {
  if (!withinBound(d.amountMinor) || d.amountMinor < 1)
    throw new AppError('validation_failed', `A disputed amount must be 1 to ${boundText}.`, {
      amountMinor: `must be 1 to ${boundText}`,
    })
  const at = opts.now.toISOString()
  const id = Number(
    db
      .prepare(
        `INSERT INTO dispute (invoice_id, line_id, source, stripe_dispute_id, reason, contact,
           currency, amount_minor, deadline, status, resolution, opened_at, opened_by,
           updated_at, resolved_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        d.invoice.id,
        d.lineId,
        d.source,
        d.stripeDisputeId,
        d.reason,
        d.contact,
        d.invoice.currency,
        d.amountMinor,
        d.deadline,
        d.status,
        d.resolution,
        at,
        opts.operator,
        at,
        d.status === 'resolved' ? at : null,
      ).lastInsertRowid,
  )
  appendStep(db, {
    disputeId: id,
    at,
    operator: opts.operator,
    step: d.status === 'resolved' ? 'resolved' : 'opened',
    status: d.status,
    note: d.note,
  })
  return id
}
