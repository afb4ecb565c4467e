import type Database from 'better-sqlite3'
import type { PeriodKey, RunItem } from '../../src-shared/domain/billing'
import { AppError } from '../errors'

export type BillOneOptions = {
  now: Date
  operator: string
  /** The run this belongs to; null when billed on its own (regenerate, final invoice). */
  runId?: string | null
  /** Omitted: the subscription's latest ended period not yet invoiced. */
  period?: PeriodKey
  /** Bill the current period up to `now` (an immediate cancellation's final invoice). */
  upToNow?: boolean
  dryRun?: boolean
}

/**
 * Computes one subscription's invoice for a period and writes it as a draft (created, or updated
 * when it changed; a finalized one is left alone). Synchronous, on the ledger's raw connection,
 * so it joins whatever transaction the caller is in.
 */
export const billSubscription = (
  _db: Database.Database,
  _subscriptionId: number,
  _options: BillOneOptions,
): RunItem => {
  throw new AppError('conflict', 'Billing is still being built.')
}
