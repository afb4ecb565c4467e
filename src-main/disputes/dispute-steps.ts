import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type {
  DisputeOpenInputSchema,
  DisputeResolveInputSchema,
  DisputeReviewInputSchema,
  DisputeStatus,
  DisputeResolution,
} from '../../src-shared/domain/disputes'
import type { JsonValue } from '../../src-shared/domain/json'
import { formatMinor } from '../../src-shared/money'
import { AppError } from '../errors'
import { issueCreditNote } from '../invoices/credit-notes'
import { invoiceLabel, type InvoiceRow } from '../invoices/invoice-store'
import type { Change, ServiceOptions } from '../invoices/lifecycle'
import { appendStep, disputeRow, type DisputeRow } from './dispute-store'
import { disputedInvoice, disputeSummary, insertDispute } from './dispute-records'

type OpenInput = z.output<typeof DisputeOpenInputSchema>
type ReviewInput = z.output<typeof DisputeReviewInputSchema>
type ResolveInput = z.output<typeof DisputeResolveInputSchema>

const money = (minor: number, currency: string): string => formatMinor(minor, currency, 'en-US')

type Disputed = { lineId: number | null; description: string | null; limitMinor: number }

/**
 * What may be disputed: a line's amount, or the whole invoice before tax (the credit note of an
 * accepted dispute adds the invoice's tax on top, as every credit note does).
 */
const disputedPart = (
  db: Database.Database,
  invoice: InvoiceRow,
  lineId: number | undefined,
): Disputed => {
  if (lineId === undefined)
    return { lineId: null, description: null, limitMinor: invoice.total_minor - invoice.tax_minor }
  const line = db
    .prepare<[number, number], { description: string; amount_minor: number }>(
      'SELECT description, amount_minor FROM invoice_line WHERE id = ? AND invoice_id = ?',
    )
    .get(lineId, invoice.id)
  if (!line)
    throw new AppError('not_found', `Invoice ${invoiceLabel(invoice)} has no line ${lineId}.`, {
      lineId: 'not a line of this invoice',
    })
  return { lineId, description: line.description, limitMinor: line.amount_minor }
}

/** A person flags an invoice, or one of its lines, as disputed by the customer. */
export const openDispute = (
  db: Database.Database,
  input: OpenInput,
  opts: ServiceOptions,
): Change => {
  const invoice = disputedInvoice(db, input.invoiceId)
  const part = disputedPart(db, invoice, input.lineId)
  if (part.limitMinor < 1)
    throw new AppError(
      'conflict',
      part.lineId === null
        ? `Invoice ${invoiceLabel(invoice)} charged nothing, so there is nothing to dispute.`
        : `Line "${part.description ?? ''}" charges nothing (it is a reduction), so it cannot be disputed.`,
      part.lineId === null ? { invoiceId: 'charged nothing' } : { lineId: 'charges nothing' },
    )
  const amountMinor = input.amountMinor ?? part.limitMinor
  if (amountMinor > part.limitMinor)
    throw new AppError(
      'validation_failed',
      `The disputed amount ${money(amountMinor, invoice.currency)} is more than ${part.lineId === null ? `invoice ${invoiceLabel(invoice)} charged before tax` : `the line "${part.description ?? ''}"`} (${money(part.limitMinor, invoice.currency)}).`,
      { amountMinor: `must be at most ${money(part.limitMinor, invoice.currency)}` },
    )
  const pending = db
    .prepare<[number, number | null], number>(
      `SELECT id FROM dispute WHERE invoice_id = ? AND line_id IS ? AND status <> 'resolved'`,
    )
    .pluck()
    .get(invoice.id, part.lineId)
  if (pending !== undefined)
    throw new AppError(
      'conflict',
      `${part.lineId === null ? `Invoice ${invoiceLabel(invoice)}` : `This line of invoice ${invoiceLabel(invoice)}`} is already disputed (dispute ${pending}, not resolved yet).`,
      part.lineId === null ? { invoiceId: 'already disputed' } : { lineId: 'already disputed' },
    )
  const id = insertDispute(
    db,
    {
      invoice,
      lineId: part.lineId,
      source: 'manual',
      stripeDisputeId: null,
      reason: input.reason,
      contact: input.contact ?? '',
      amountMinor,
      deadline: input.deadline ?? null,
      status: 'open',
      resolution: null,
      note: input.note !== undefined && input.note !== '' ? input.note : input.reason,
    },
    opts,
  )
  return {
    id,
    entityId: String(id),
    before: null,
    after: {
      ...(disputeSummary({ ...disputeRow(db, id) }) as Record<string, JsonValue>),
      invoice: invoiceLabel(invoice),
      lineId: part.lineId,
      reason: input.reason,
    },
  }
}

/** Stripe decides its own disputes; here they only change through event sync. */
const manualOnly = (row: DisputeRow, what: string): void => {
  if (row.source === 'stripe')
    throw new AppError(
      'conflict',
      `Dispute ${row.id} came from Stripe (${row.stripeDisputeId ?? ''}) and cannot be ${what} here: respond in the Stripe dashboard; its outcome arrives with the next sync.`,
      { id: 'a Stripe dispute' },
    )
}

const describe = (status: DisputeStatus): string =>
  status === 'under_review' ? 'under review' : status

const moved = (
  db: Database.Database,
  row: DisputeRow,
  change: {
    status: DisputeStatus
    resolution: DisputeResolution | null
    creditNoteId: number | null
  },
  note: string,
  opts: ServiceOptions,
): Change => {
  const at = opts.now.toISOString()
  db.prepare(
    `UPDATE dispute SET status = ?, resolution = ?, credit_note_id = ?, updated_at = ?,
       resolved_at = ? WHERE id = ?`,
  ).run(
    change.status,
    change.resolution,
    change.creditNoteId,
    at,
    change.status === 'resolved' ? at : null,
    row.id,
  )
  appendStep(db, {
    disputeId: row.id,
    at,
    operator: opts.operator,
    step: change.status === 'resolved' ? 'resolved' : 'review',
    status: change.status,
    note,
  })
  const after = disputeRow(db, row.id)
  return {
    id: row.id,
    entityId: String(row.id),
    before: disputeSummary(row),
    after: { ...(disputeSummary(after) as Record<string, JsonValue>), note },
  }
}

/** open → under review, with what is being done about it. */
export const reviewDispute = (
  db: Database.Database,
  input: ReviewInput,
  opts: ServiceOptions,
): Change => {
  const row = disputeRow(db, input.id)
  manualOnly(row, 'reviewed')
  if (row.status !== 'open')
    throw new AppError(
      'conflict',
      `Dispute ${row.id} is ${describe(row.status)}: only an open dispute can be taken under review.`,
      { status: `the dispute is ${describe(row.status)}` },
    )
  return moved(
    db,
    row,
    { status: 'under_review', resolution: null, creditNoteId: null },
    input.note,
    opts,
  )
}

/**
 * under review → resolved. Accepted: a credit note for the disputed amount (before tax; the
 * credit-note service adds the invoice's tax and refuses more than the invoice has left), issued
 * in the same transaction, so a refused credit note leaves the dispute under review. Rejected:
 * a note saying why.
 */
export const resolveDispute = (
  db: Database.Database,
  input: ResolveInput,
  opts: ServiceOptions,
): Change & { creditNote: Change | null } => {
  const row = disputeRow(db, input.id)
  manualOnly(row, 'resolved')
  if (row.status !== 'under_review')
    throw new AppError(
      'conflict',
      row.status === 'open'
        ? `Dispute ${row.id} is still open: take it under review before resolving it.`
        : `Dispute ${row.id} is already resolved (${row.resolution ?? ''}).`,
      { status: `the dispute is ${describe(row.status)}` },
    )
  const note = input.note ?? ''
  if (input.resolution === 'rejected' && note === '')
    throw new AppError('validation_failed', 'Say why the dispute is rejected.', {
      note: 'must say why the dispute is rejected',
    })
  if (input.resolution === 'rejected')
    return {
      ...moved(
        db,
        row,
        { status: 'resolved', resolution: 'rejected', creditNoteId: null },
        note,
        opts,
      ),
      creditNote: null,
    }
  const credit = issueCreditNote(
    db,
    {
      invoiceId: row.invoiceId,
      reason: `Dispute ${row.id} accepted: ${row.reason}`,
      lines: [
        {
          description: `Disputed: ${row.lineDescription ?? row.reason}`.slice(0, 500),
          amountMinor: row.amountMinor,
        },
      ],
      settlement: input.settlement ?? 'credit_balance',
    },
    opts,
  )
  const change = moved(
    db,
    row,
    { status: 'resolved', resolution: 'accepted', creditNoteId: credit.creditNoteId },
    note === '' ? 'Accepted' : note,
    opts,
  )
  return { ...change, creditNote: credit }
}
