import type Database from 'better-sqlite3'
import type { JsonValue } from '../../src-shared/domain/json'
import type {
  FailureAction,
  FailureActInput,
  FailureActResult,
} from '../../src-shared/domain/payments'
import { AppError } from '../errors'
import { markPaid, markUncollectible } from '../invoices/lifecycle'
import type { AuditInput } from '../ipc/handlers-types'
import { liftDunning } from '../payments/settlement'
import { readSettingsNow } from '../settings/settings-service'
import { failureAuditSummary, findFailureRow, toFailure, type FailureRow } from './failure-rows'
import { maxAttemptsFor, nextAttemptAt, type RetrySettings } from './schedule'

export type ActOptions = {
  now: Date
  operator: string
  /** Jitter for a record switched to exponential backoff; Math.random unless a test seeds it. */
  random?: () => number
}

/** The result, plus one audit entry per record (and invoice) the action changed. */
export type ActOutcome = FailureActResult & { audits: AuditInput[] }

type Step = { db: Database.Database; row: FailureRow; opts: ActOptions; at: string }

const label: Record<FailureAction['kind'], string> = {
  'retry-now': 'retried',
  'change-strategy': 'given another strategy',
  snooze: 'snoozed',
  resolve: 'resolved',
  'write-off': 'written off',
}

const cancelOutbox = (db: Database.Database, outboxId: number | null): void => {
  if (outboxId === null) return
  // A sent operation did its work: there is nothing left to cancel.
  db.prepare(
    `UPDATE outbox SET status = 'canceled', next_attempt_at = NULL, claimed_by = NULL,
       claimed_until = NULL
     WHERE id = ? AND status NOT IN ('sent', 'canceled')`,
  ).run(outboxId)
}

/**
 * Whether a processor holds the record or its operation right now: closing it under a request
 * in flight could mark an invoice paid by hand while Stripe is charging it.
 */
const inFlight = (db: Database.Database, row: FailureRow, at: string): boolean =>
  db
    .prepare<[number, string, number | null, string], number>(
      `SELECT EXISTS (SELECT 1 FROM payment_failure WHERE id = ? AND claimed_until > ?)
         OR EXISTS (SELECT 1 FROM outbox WHERE id = ? AND status = 'sending' AND claimed_until > ?)`,
    )
    .pluck()
    .get(row.id, at, row.outbox_id, at) === 1

/** The record's invoice id when that invoice is finalized (still open for payment). */
const finalizedInvoice = (db: Database.Database, id: number | null): number | null =>
  id !== null &&
  db.prepare<[number], string>('SELECT status FROM invoice WHERE id = ?').pluck().get(id) ===
    'finalized'
    ? id
    : null

/** Applies one action to one open record; returns the audit entries of what else it changed. */
const apply = (
  { db, row, opts, at }: Step,
  action: FailureAction,
  retry: RetrySettings,
): AuditInput[] => {
  const update = (sql: string, params: Record<string, string | number | null>): void => {
    db.prepare(`UPDATE payment_failure SET ${sql}, updated_at = @at WHERE id = @id`).run({
      ...params,
      at,
      id: row.id,
    })
  }
  const close = (status: 'resolved' | 'written_off', note: string): void => {
    update(
      `status = @status, resolution_note = @note, resolved_by = @operator, resolved_at = @at,
       next_attempt_at = NULL, retry_requested = 0`,
      { status, note, operator: opts.operator },
    )
    cancelOutbox(db, row.outbox_id)
  }
  const invoiceAudit = (change: {
    entityId: string
    before: JsonValue
    after: JsonValue
  }): AuditInput => ({
    entityType: 'invoice',
    entityId: change.entityId,
    before: change.before,
    after: change.after,
  })
  const service = { now: opts.now, operator: opts.operator }

  switch (action.kind) {
    case 'retry-now':
      // The processor takes requested records even when manual or snoozed, then clears the flag.
      update('retry_requested = 1, next_attempt_at = @at, snoozed_until = NULL', {})
      return []
    case 'change-strategy': {
      if (action.strategy === 'manual') {
        update(`strategy = 'manual', chosen_strategy = 'manual', next_attempt_at = NULL`, {})
        return []
      }
      const planned = nextAttemptAt(action.strategy, row.attempts, retry, {
        now: opts.now,
        random: opts.random ?? Math.random,
        retryAfterSeconds: null,
      })
      // A snooze still running holds the new strategy's first attempt back too.
      const snoozed = row.snoozed_until === null ? null : new Date(row.snoozed_until)
      const next = planned !== null && snoozed !== null && snoozed > planned ? snoozed : planned
      // Attempts are history and stay; a person's choice always gets at least one more try.
      update(
        `strategy = @strategy, chosen_strategy = @strategy, next_attempt_at = @next,
         max_attempts = @max`,
        {
          strategy: action.strategy,
          next: next === null ? null : next.toISOString(),
          max: Math.max(maxAttemptsFor(action.strategy, retry), row.attempts + 1),
        },
      )
      return []
    }
    case 'snooze': {
      // An automatic attempt falls due no earlier than the snooze ends, so the due scan skips it.
      const until = new Date(action.until).toISOString()
      update(
        `snoozed_until = @until,
         next_attempt_at = CASE WHEN next_attempt_at IS NULL THEN NULL
           WHEN next_attempt_at < @until THEN @until ELSE next_attempt_at END`,
        { until },
      )
      return []
    }
    case 'resolve': {
      close('resolved', action.note)
      const invoiceId = finalizedInvoice(db, row.invoice_id)
      if (row.operation !== 'invoice.collect' || invoiceId === null) return []
      const paid = invoiceAudit(markPaid(db, invoiceId, action.note, service))
      // Paid outside Stripe, so no event will lift what the failed payment's dunning did: the
      // same rule as a payment Stripe reports (it audits the subscription itself).
      liftDunning(db, invoiceId, service)
      return [paid]
    }
    case 'write-off': {
      close('written_off', action.note)
      const invoiceId = finalizedInvoice(db, row.invoice_id)
      return invoiceId === null
        ? []
        : [invoiceAudit(markUncollectible(db, invoiceId, action.note, service))]
    }
  }
}

/**
 * A person's action on one or many records (the same code for bulk), inside the caller's
 * transaction on the raw connection. Only open records can be acted on; the others are skipped
 * with the reason. Nothing applicable at all is refused, so the person sees why.
 */
export const act = (
  db: Database.Database,
  input: FailureActInput,
  opts: ActOptions,
): ActOutcome => {
  const { action } = input
  const at = opts.now.toISOString()
  if (action.kind === 'snooze' && new Date(action.until).getTime() <= opts.now.getTime())
    throw new AppError('validation_failed', 'Snooze until a date and time in the future.', {
      'action.until': 'must be in the future',
    })
  const retry = readSettingsNow(db).payments.retry
  const outcome: ActOutcome = { updated: [], skipped: [], audits: [] }
  for (const id of [...new Set(input.ids)]) {
    const row = findFailureRow(db, id)
    if (!row) {
      outcome.skipped.push({ id, reason: `There is no failed operation number ${id}.` })
      continue
    }
    if (row.status !== 'open') {
      const status = row.status === 'written_off' ? 'written off' : 'resolved'
      outcome.skipped.push({
        id,
        reason: `It is already ${status} and cannot be ${label[action.kind]}.`,
      })
      continue
    }
    if ((action.kind === 'resolve' || action.kind === 'write-off') && inFlight(db, row, at)) {
      outcome.skipped.push({
        id,
        reason: 'It is being sent to Stripe right now: try again in a minute.',
      })
      continue
    }
    const others = apply({ db, row, opts, at }, action, retry)
    const after = findFailureRow(db, id) ?? row
    const note = action.kind === 'resolve' || action.kind === 'write-off' ? action.note : null
    outcome.updated.push(toFailure(after))
    outcome.audits.push({
      entityType: 'payment_failure',
      entityId: String(id),
      before: failureAuditSummary(row),
      after: { ...failureAuditSummary(after), action: action.kind, note },
    })
    outcome.audits.push(...others)
  }
  if (outcome.updated.length === 0)
    throw new AppError(
      'conflict',
      `Nothing was ${label[action.kind]}: ${outcome.skipped.map((s) => s.reason).join(' ')}`,
    )
  return outcome
}
