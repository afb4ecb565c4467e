import type Database from 'better-sqlite3'
import type { ProcessResult } from '../../src-shared/domain/payments'
import type { JsonValue } from '../../src-shared/domain/json'
import { failureRecorder } from './failure-hooks'
import { OperationRefused, type Claimed, type OperationResult } from './operation-types'
import { runOperation } from './operations'
import { ProviderError, type PaymentProvider, type ProviderFailure } from './provider'
import { liftDunning } from './settlement'
import { isKeyRefused, keyRefusedMessage } from './key-pause'
import { ownerAlive, processOwner } from '../db/process-owner'
import { heldByDispute } from '../disputes/dispute-store'

export type ProcessorDeps = {
  db: Database.Database
  provider: PaymentProvider
  save: <T>(write: (db: Database.Database) => T) => Promise<T>
  now: () => Date
  random: () => number
  operator: string
  /** Waits out a rate limit inside a pass; tests pass one that only records the wait. */
  sleep?: (ms: number) => Promise<void>
  /** The hint of the key in use, named in the message when Stripe refuses it. */
  keyHint: string
}

/**
 * How long a claim holds when its owner cannot be checked (another machine on a shared ledger);
 * a claim whose owner is known dead on this machine is free at once.
 */
const CLAIM_MS = 5 * 60_000

/**
 * The next operation to send: pending, or failed with a retry that is due (or asked for by a
 * person), not claimed by another processor, and not waiting behind an earlier unfinished
 * operation of the same invoice or of its customer's Stripe record. `takeAll` also takes
 * automatic retries not yet due; manual ones wait for a person's "retry now". An automatic retry
 * of a disputed invoice waits while the dispute holds it (disputes/dispute-store.ts): charging a
 * customer again for what they contest is a person's call, so only "retry now" sends it.
 */
const nextDue = `
  SELECT o.id, o.operation, o.customer_id, o.invoice_id, o.credit_note_id, o.amount_minor,
    o.currency, o.idempotency_key, o.key_generation, o.attempts, o.status AS prior_status,
    f.id AS failure_id, f.retry_requested
  FROM outbox o
  LEFT JOIN payment_failure f ON f.outbox_id = o.id AND f.status = 'open'
  WHERE (o.claimed_until IS NULL OR o.claimed_until < @now)
    -- 'sending' with an expired claim: its processor died mid-send, so it is sent again.
    AND (o.status IN ('pending', 'sending') OR (o.status = 'failed' AND (
      f.retry_requested = 1 OR (
        f.strategy <> 'manual'
        AND (f.snoozed_until IS NULL OR f.snoozed_until <= @now)
        AND (@all = 1 OR f.next_attempt_at IS NULL OR f.next_attempt_at <= @now)
        AND NOT ${heldByDispute('o.invoice_id')}))))
    AND (o.id NOT IN (SELECT value FROM json_each(@tried)) OR f.strategy = 'immediate')
    AND NOT EXISTS (
      SELECT 1 FROM outbox e
      WHERE e.id < o.id AND e.status NOT IN ('sent', 'canceled')
        AND (e.invoice_id = o.invoice_id
          OR (e.operation = 'customer.sync' AND e.customer_id = o.customer_id)))
  ORDER BY o.id LIMIT 1`

type Due = Claimed & {
  failure_id: number | null
  prior_status: string
  retry_requested: number | null
}

/**
 * Connection failures in a row after which Stripe counts as out of reach. One dropped connection
 * or timeout is that operation's bad luck (it waits out its own backoff); several in a row, with
 * nothing answered in between, mean the network or Stripe is down and the rest can only fail too.
 */
export const OFFLINE_AFTER = 3
/** The longest Retry-After a pass waits out; a longer one ends the pass. */
export const MAX_PAUSE_MS = 5_000
/** All the waiting one pass may do for rate limits before it gives the rest to the next pass. */
export const PAUSE_BUDGET_MS = 15_000

/** Stripe asks us to slow down: a 429 that is not a lock on one record (that one is transient). */
const isRateLimit = (failure: ProviderFailure): boolean =>
  failure.code !== 'lock_timeout' &&
  (failure.type === 'rate_limit_error' ||
    failure.code === 'rate_limit' ||
    (failure.httpStatus === 429 && failure.type !== 'card_error'))

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * One pass over the outbox, in order. Each operation is claimed in the ledger first, so a second
 * processor (another window's host, the CLI) never sends the same one; network calls happen
 * outside any transaction, and every outcome is written in the writers' turn.
 */
export const processOutbox = async (
  deps: ProcessorDeps,
  options: { takeAll: boolean },
): Promise<ProcessResult> => {
  // One pass at a time per process (service.ts), so the process names the claim: another
  // process can then tell a claim whose process died (db/process-owner.ts) and take it over.
  const holder = processOwner()
  const result: ProcessResult = {
    attempted: 0,
    succeeded: 0,
    failed: 0,
    movedToManual: 0,
    offline: false,
    rateLimited: false,
    remaining: 0,
    keyRefused: null,
  }
  const sleep = deps.sleep ?? realSleep
  const tried: number[] = []
  let unreachable = 0
  let paused = 0
  for (;;) {
    const op = await deps.save((db) => claimNext(db, holder, tried, options.takeAll, deps.now()))
    if (!op) break
    tried.push(op.id)
    result.attempted += 1
    try {
      const outcome = await runOperation(op, { ...deps, operator: deps.operator })
      await deps.save((db) => markSent(db, op, outcome, deps))
      result.succeeded += 1
      unreachable = 0
    } catch (error) {
      const failure = asFailure(error)
      if (isKeyRefused(failure)) {
        // Not this operation's failure: it goes back as it was, uncounted, and the pass stops.
        await deps.save((db) => release(db, op))
        result.attempted -= 1
        result.keyRefused = keyRefusedMessage(deps.keyHint)
        break
      }
      // The failure delays this operation only (its own backoff, and later operations of the
      // same invoice or customer wait behind it); the pass goes on with the others.
      const moved = await deps.save((db) => markFailed(db, op, failure, deps))
      result.failed += 1
      if (moved) result.movedToManual += 1
      unreachable = failure.type === 'connection_error' ? unreachable + 1 : 0
      if (unreachable >= OFFLINE_AFTER) {
        result.offline = true
        break
      }
      if (isRateLimit(failure)) {
        const pause = (failure.retryAfterSeconds ?? 1) * 1000
        if (pause > MAX_PAUSE_MS || paused + pause > PAUSE_BUDGET_MS) {
          result.rateLimited = true
          break
        }
        paused += pause
        await sleep(pause)
      }
    }
  }
  // Nothing answered at all: Stripe is out of reach even if the pass ran out of work first.
  if (result.attempted > 0 && unreachable === result.attempted) result.offline = true
  result.remaining =
    deps.db
      .prepare<[], number>(
        `SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending', 'failed')`,
      )
      .pluck()
      .get() ?? 0
  return result
}

const claimNext = (
  db: Database.Database,
  holder: string,
  tried: number[],
  takeAll: boolean,
  now: Date,
): Due | undefined => {
  const nowIso = now.toISOString()
  releaseDeadClaims(db, nowIso)
  const due = db
    .prepare<{ now: string; all: number; tried: string }, Due>(nextDue)
    .get({ now: nowIso, all: takeAll ? 1 : 0, tried: JSON.stringify(tried) })
  if (!due) return undefined
  const claimed = db
    .prepare(
      `UPDATE outbox SET status = 'sending', claimed_by = ?, claimed_until = ?,
         attempts = attempts + 1
       WHERE id = ? AND (claimed_until IS NULL OR claimed_until < ?)`,
    )
    .run(holder, new Date(now.getTime() + CLAIM_MS).toISOString(), due.id, nowIso)
  if (claimed.changes !== 1) return undefined
  if (due.failure_id !== null)
    db.prepare('UPDATE payment_failure SET retry_requested = 0 WHERE id = ?').run(due.failure_id)
  return { ...due, attempts: due.attempts + 1 }
}

/** Frees the claims of processes on this machine that are gone, so their rows go out now. */
const releaseDeadClaims = (db: Database.Database, nowIso: string): void => {
  const held = db
    .prepare<[string], { id: number; claimed_by: string | null }>(
      `SELECT id, claimed_by FROM outbox WHERE status = 'sending' AND claimed_until >= ?`,
    )
    .all(nowIso)
  for (const row of held)
    if (row.claimed_by !== null && !ownerAlive(row.claimed_by))
      db.prepare(
        'UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?',
      ).run(row.id, row.claimed_by)
}

/** Puts a claimed operation back exactly as it was before the claim: nothing was attempted. */
const release = (db: Database.Database, op: Due): void => {
  db.prepare(
    `UPDATE outbox SET status = ?, attempts = attempts - 1, claimed_by = NULL,
       claimed_until = NULL
     WHERE id = ?`,
  ).run(op.prior_status, op.id)
  if (op.failure_id !== null && op.retry_requested === 1)
    db.prepare('UPDATE payment_failure SET retry_requested = 1 WHERE id = ?').run(op.failure_id)
}

const markSent = (
  db: Database.Database,
  op: Due,
  outcome: OperationResult,
  deps: ProcessorDeps,
): void => {
  const at = deps.now().toISOString()
  db.prepare(
    `UPDATE outbox SET status = 'sent', sent_at = ?, result_json = ?, claimed_by = NULL,
       claimed_until = NULL, next_attempt_at = NULL
     WHERE id = ?`,
  ).run(at, JSON.stringify(outcome), op.id)
  if (op.failure_id !== null)
    failureRecorder(db).recordSuccess(db, op.failure_id, {
      now: deps.now(),
      operator: deps.operator,
      requestId: null,
    })
  if (op.operation === 'invoice.collect' && op.invoice_id !== null)
    liftDunning(db, op.invoice_id, { now: deps.now(), operator: deps.operator })
}

/** Records the failure with the retry queue; true when it now waits for a person. */
const markFailed = (
  db: Database.Database,
  op: Due,
  failure: ProviderFailure,
  deps: ProcessorDeps,
): boolean => {
  const outcome = failureRecorder(db).recordFailure(
    db,
    {
      operation: op.operation,
      outboxId: op.id,
      customerRowId: op.customer_id,
      invoiceId: op.invoice_id,
      amountMinor: op.amount_minor,
      currency: op.currency,
      context: contextOf(op),
    },
    failure,
    { now: deps.now(), operator: deps.operator, random: deps.random },
  )
  db.prepare(
    `UPDATE outbox SET status = 'failed', next_attempt_at = ?, claimed_by = NULL,
       claimed_until = NULL, key_generation = key_generation + ?
     WHERE id = ?`,
  ).run(outcome.nextAttemptAt, outcome.keyConsumed ? 1 : 0, op.id)
  return outcome.movedToManual
}

const contextOf = (op: Due): JsonValue => ({
  outboxId: op.id,
  operation: op.operation,
  invoiceId: op.invoice_id,
  creditNoteId: op.credit_note_id,
  idempotencyKey: op.idempotency_key,
  keyGeneration: op.key_generation,
})

/** Anything else an operation throws is ours, not Stripe's: recorded as an internal failure. */
const asFailure = (error: unknown): ProviderFailure => {
  if (error instanceof ProviderError) return error.failure
  return {
    type: 'internal_error',
    code: error instanceof OperationRefused ? error.code : null,
    declineCode: null,
    requestId: null,
    httpStatus: null,
    message: error instanceof Error ? error.message : String(error),
    retryAfterSeconds: null,
  }
}
