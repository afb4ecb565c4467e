import type Database from 'better-sqlite3'
import type { InvoiceStatus, PeriodKey } from '../../src-shared/domain/billing'
import type { FinalizeWarning } from '../../src-shared/domain/documents'
import type { JsonValue } from '../../src-shared/domain/json'
import { formatMinor } from '../../src-shared/money'
import { appendAudit } from '../audit/audit-service'
import { AppError } from '../errors'
import { readSettingsNow } from '../settings/settings-service'
import { addDays, dayOf } from '../calendar/business-days'
import { appendCreditEntry, availableCredit, restoreConsumed } from '../credits/credit-ledger'
import { auditSummary, invoiceLabel, invoiceRow, type InvoiceRow } from './invoice-store'
import { warningsFor } from './finalize-warnings'
import { takeNumber } from './numbering'
import { takeInvoiceSnapshot } from './snapshots'
import { announce } from './invoice-events'
import { checkStoredSums } from './totals-check'

export type ServiceOptions = { now: Date; operator: string }

/** What a transition did, for the caller's audit entry. */
export type Change = { id: number; entityId: string; before: JsonValue; after: JsonValue }

const refused = (row: InvoiceRow, what: string, allowed: InvoiceStatus[]): AppError =>
  new AppError(
    'conflict',
    row.status === 'draft'
      ? `Invoice ${invoiceLabel(row)} is still a draft and cannot be ${what}: finalize it first.`
      : `Invoice ${invoiceLabel(row)} is ${row.status} and cannot be ${what} (only ${allowed.join(
          ' or ',
        )} invoices can).`,
  )

const money = (minor: number, currency: string): string => formatMinor(minor, currency, 'en-US')

/**
 * Draft → finalized, inside the caller's transaction: takes the next number of the year's series
 * (the year of issue in the business time zone), dates it, sets the due date from the payment
 * terms, snapshots what the document shows (snapshots.ts), consumes the prepaid credit the draft
 * applies and moves the subscription's billed-through mark. Any failure rolls all of it back, the
 * number included. What would print wrong (empty seller details, no tax rate) does not stop it:
 * it is returned, and audited, as warnings.
 */
export const finalizeInvoice = (
  db: Database.Database,
  id: number,
  opts: ServiceOptions,
): Change & { warnings: FinalizeWarning[] } => {
  const row = invoiceRow(db, id)
  if (row.status !== 'draft')
    throw new AppError(
      'conflict',
      `Invoice ${invoiceLabel(row)} is already ${row.status}; only drafts can be finalized.`,
    )
  checkStoredSums(db, id, invoiceLabel(row))
  const settings = readSettingsNow(db)
  if (row.credit_minor > 0) {
    // Credit past its expiry counts for nothing, even before the scheduler writes it off.
    const balance = availableCredit(db, row.customer_row_id, row.currency, opts.now)
    if (balance < row.credit_minor)
      throw new AppError(
        'conflict',
        `Draft ${invoiceLabel(row)} applies ${money(row.credit_minor, row.currency)} of prepaid credit, but ${row.customer_name} now has only ${money(balance, row.currency)}. Regenerate the draft, then finalize it.`,
      )
  }
  const warnings = warningsFor(row, settings)
  const issuedOn = dayOf(opts.now, settings.businessTimeZone)
  const number = takeNumber(db, settings.invoicePrefix, issuedOn.slice(0, 4))
  const at = opts.now.toISOString()
  db.prepare(
    `UPDATE invoice SET status = 'finalized', number = ?, issued_at = ?, finalized_at = ?,
       finalized_by = ?, due_date = ?, updated_at = ?
     WHERE id = ? AND status = 'draft'`,
  ).run(number, at, at, opts.operator, addDays(issuedOn, settings.paymentTermsDays), at, id)
  takeInvoiceSnapshot(db, invoiceRow(db, id), settings)
  if (row.credit_minor > 0)
    appendCreditEntry(db, {
      customerId: row.customer_row_id,
      currency: row.currency,
      kind: 'consume',
      amountMinor: -row.credit_minor,
      invoiceId: id,
      note: `Applied to invoice ${number}`,
      at: opts.now.toISOString(),
      operator: opts.operator,
    })
  // Payments decides whether it goes to Stripe (automatic collection), in this transaction.
  announce(db, { type: 'invoice.finalized', invoiceId: id }, opts)
  // Usage before this mark is late: it belongs to a period that can no longer change.
  db.prepare(
    `UPDATE subscription SET billed_through = (
       SELECT max(period_end) FROM invoice WHERE subscription_id = @sub AND status <> 'draft')
     WHERE id = @sub`,
  ).run({ sub: row.subscription_id })
  const after = auditSummary(invoiceRow(db, id))
  return {
    id,
    entityId: number,
    before: auditSummary(row),
    after:
      warnings.length > 0 && typeof after === 'object' && after !== null && !Array.isArray(after)
        ? { ...after, warnings: warnings.map((w) => w.message) }
        : after,
    warnings,
  }
}

/** Finalized → void. Credit the invoice consumed goes back to the customer's balance. */
export const voidInvoice = (
  db: Database.Database,
  id: number,
  reason: string,
  opts: ServiceOptions,
): Change => {
  const row = invoiceRow(db, id)
  if (row.status !== 'finalized') throw refused(row, 'voided', ['finalized'])
  const at = opts.now.toISOString()
  db.prepare(`UPDATE invoice SET status = 'void', voided_at = ?, updated_at = ? WHERE id = ?`).run(
    at,
    at,
    id,
  )
  if (row.credit_minor > 0)
    restoreConsumed(db, {
      customerId: row.customer_row_id,
      currency: row.currency,
      invoiceId: id,
      amountMinor: row.credit_minor,
      note: `Restored from voided invoice ${invoiceLabel(row)}`,
      at,
      operator: opts.operator,
    })
  // Payments voids Stripe's copy too (through the outbox) and calls off a collection not made.
  announce(db, { type: 'invoice.voided', invoiceId: id }, opts)
  return change(db, row, { reason })
}

/** Finalized or uncollectible → paid (a payment recorded outside Stripe, or one found late). */
export const markPaid = (
  db: Database.Database,
  id: number,
  note: string | undefined,
  opts: ServiceOptions,
): Change => {
  const row = invoiceRow(db, id)
  if (row.status !== 'finalized' && row.status !== 'uncollectible')
    throw refused(row, 'marked paid', ['finalized', 'uncollectible'])
  const at = opts.now.toISOString()
  db.prepare(`UPDATE invoice SET status = 'paid', paid_at = ?, updated_at = ? WHERE id = ?`).run(
    at,
    at,
    id,
  )
  // Paid another way while Stripe holds it open: payments settles Stripe's copy out of band.
  announce(db, { type: 'invoice.paid', invoiceId: id }, opts)
  return change(db, row, note ? { note } : {})
}

export const markUncollectible = (
  db: Database.Database,
  id: number,
  reason: string,
  opts: ServiceOptions,
): Change => {
  const row = invoiceRow(db, id)
  if (row.status !== 'finalized') throw refused(row, 'marked uncollectible', ['finalized'])
  db.prepare(`UPDATE invoice SET status = 'uncollectible', updated_at = ? WHERE id = ?`).run(
    opts.now.toISOString(),
    id,
  )
  // Written off here: payments marks Stripe's copy uncollectible, so Stripe stops collecting it.
  announce(db, { type: 'invoice.written_off', invoiceId: id }, opts)
  return change(db, row, { reason })
}

const change = (
  db: Database.Database,
  before: InvoiceRow,
  extra: Record<string, string>,
): Change => {
  const after = auditSummary(invoiceRow(db, before.id))
  return {
    id: before.id,
    entityId: invoiceLabel(before),
    before: auditSummary(before),
    after:
      typeof after === 'object' && after !== null && !Array.isArray(after)
        ? { ...after, ...extra }
        : after,
  }
}

export type Finalized = { id: number; number: string }
export type NotFinalized = { id: number; customerId: string; message: string }
export type FinalizeOutcome = {
  finalized: Finalized[]
  failed: NotFinalized[]
  /** What the finalized invoices were issued with regardless (see finalizeInvoice). */
  warnings: FinalizeWarning[]
}

/**
 * Finalizes drafts one transaction each, audited on the raw connection (these run outside the
 * dispatcher: the scheduler, the CLI). A draft that cannot be finalized (its credit is no longer
 * covered) stays a draft and is reported; the others go ahead.
 */
const finalizeEach = (
  db: Database.Database,
  ids: number[],
  opts: ServiceOptions,
): FinalizeOutcome => {
  const outcome: FinalizeOutcome = { finalized: [], failed: [], warnings: [] }
  const one = db.transaction((id: number) => {
    const done = finalizeInvoice(db, id, opts)
    appendAudit(db, {
      at: opts.now.toISOString(),
      operator: opts.operator,
      action: 'invoices:finalize',
      entityType: 'invoice',
      entityId: done.entityId,
      before: done.before,
      after: done.after,
    })
    return done
  })
  for (const id of ids) {
    try {
      const done = one.immediate(id)
      outcome.finalized.push({ id, number: done.entityId })
      outcome.warnings.push(...done.warnings)
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      const customerId = invoiceRow(db, id).customer_external_id
      outcome.failed.push({ id, customerId, message: error.message })
    }
  }
  return outcome
}

/**
 * Every draft created more than `draftGraceDays` ago: the scheduler's automatic finalization.
 * Those that cannot be finalized stay drafts, are reported, and are tried again next time.
 */
export const finalizeDue = (db: Database.Database, opts: ServiceOptions): FinalizeOutcome => {
  const { draftGraceDays } = readSettingsNow(db)
  const cutoff = new Date(opts.now.getTime() - draftGraceDays * 86_400_000).toISOString()
  const ids = db
    .prepare<[string], number>(
      `SELECT id FROM invoice WHERE status = 'draft' AND created_at < ? ORDER BY id`,
    )
    .pluck()
    .all(cutoff)
  return finalizeEach(db, ids, opts)
}

/** Every draft of a period (`meterbook invoices finalize --period 2026-10`), in id order. */
export const finalizePeriod = (
  db: Database.Database,
  period: PeriodKey,
  opts: ServiceOptions,
): FinalizeOutcome => {
  const ids = db
    .prepare<[string], number>(
      `SELECT id FROM invoice WHERE status = 'draft' AND period = ? ORDER BY id`,
    )
    .pluck()
    .all(period)
  return finalizeEach(db, ids, opts)
}
