import type Database from 'better-sqlite3'
import type { JsonValue } from '../../src-shared/domain/json'
import type { OutboxOperation } from '../../src-shared/domain/payments'
import type { PaymentProvider } from './provider'

/** An outbox row claimed for sending. */
export type Claimed = {
  id: number
  operation: OutboxOperation
  customer_id: number
  invoice_id: number | null
  credit_note_id: number | null
  amount_minor: number | null
  currency: string | null
  idempotency_key: string
  key_generation: number
  attempts: number
}

export type OperationDeps = {
  db: Database.Database
  provider: PaymentProvider
  /** Writes in the app's writers' turn, in one transaction (between network calls). */
  save: <T>(write: (db: Database.Database) => T) => Promise<T>
  now: () => Date
  operator: string
}

/** What a sent operation leaves in the outbox row's result. */
export type OperationResult = { [key: string]: JsonValue }

/** An operation that cannot be sent as it stands (not a Stripe failure): a person must look. */
export class OperationRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'OperationRefused'
  }
}
