import type Database from 'better-sqlite3'
import { onPaymentFailures } from '../payments/failure-hooks'
import { recordFailure, recordSuccess, resolveForOutbox } from './failure-store'
import { summary } from './queries'

/**
 * Wires the retry queue to this ledger's payments: every failed, successful or called-off
 * attempt payments reports is recorded here, in payments' transaction. Returns the detach.
 */
export const attachRetries = (db: Database.Database): (() => void) =>
  onPaymentFailures(db, { recordFailure, recordSuccess, resolveForOutbox, summary })
