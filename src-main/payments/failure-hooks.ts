import type Database from 'better-sqlite3'
import type { JsonValue } from '../../src-shared/domain/json'
import type {
  FailureOperation,
  FailureSummary,
  RetryStrategy,
} from '../../src-shared/domain/payments'
import type { ProviderFailure } from './provider'

/**
 * What payments tells the stage after it (retries), which payments never imports: an attempt at
 * Stripe failed, or worked, or was called off. The retries stage registers its recorder per
 * connection (app wiring), and payments calls it synchronously inside its own transaction, so an
 * outbox row's state and its failure record commit together or not at all.
 */

/** The operation that failed, with what the queue shows about it. */
export type FailureSubject = {
  operation: FailureOperation
  outboxId: number | null
  customerRowId: number | null
  invoiceId: number | null
  amountMinor: number | null
  currency: string | null
  context: JsonValue
}

export type FailureOutcome = {
  failureId: number
  strategy: RetryStrategy
  nextAttemptAt: string | null
  /** The next attempt must use a new idempotency key generation. */
  keyConsumed: boolean
  /** True when the record has just started waiting for a person. */
  movedToManual: boolean
}

export type RecordOptions = { now: Date; operator: string; random: () => number }

export type FailureRecorder = {
  /** One failed attempt: returns the plan for the next one. */
  recordFailure: (
    db: Database.Database,
    subject: FailureSubject,
    failure: ProviderFailure,
    opts: RecordOptions,
  ) => FailureOutcome
  /** The attempt that worked closes the record. */
  recordSuccess: (
    db: Database.Database,
    failureId: number,
    opts: { now: Date; operator: string; requestId: string | null },
  ) => void
  /** An outbox operation called off takes its open failure with it; returns its id, if any. */
  resolveForOutbox: (
    db: Database.Database,
    outboxId: number,
    note: string,
    opts: { now: Date; operator: string },
  ) => number | null
  /** For the badge after a pass. */
  summary: (db: Database.Database) => FailureSummary
}

/** Per connection: each app wires its own stages to its own ledger, tests included. */
const recorders = new WeakMap<Database.Database, FailureRecorder>()

/** Registers the retries stage's recorder for this ledger; returns the unregister. */
export const onPaymentFailures = (db: Database.Database, recorder: FailureRecorder) => {
  recorders.set(db, recorder)
  return (): void => {
    if (recorders.get(db) === recorder) recorders.delete(db)
  }
}

/**
 * The recorder of this ledger. A payments pass without one would lose failures silently, so it
 * is a wiring error, loud at the first call.
 */
export const failureRecorder = (db: Database.Database): FailureRecorder => {
  const recorder = recorders.get(db)
  if (!recorder)
    throw new Error('No failure recorder is registered for this ledger (see retries/attach)')
  return recorder
}
