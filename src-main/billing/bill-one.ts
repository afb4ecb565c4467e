import type Database from 'better-sqlite3'
import type { PeriodKey, RunItem } from '../../src-shared/domain/billing'
import { AppError } from '../errors'
import { Biller } from './biller'
import { choosePeriod } from './period-choice'
import { loadSubscriptions } from './subscriptions'

export type BillOneOptions = {
  now: Date
  operator: string
  /** The run this belongs to; null when billed on its own (regenerate, final invoice). */
  runId?: string | null
  /**
   * Omitted: the subscription's latest ended period, or the current one when the subscription
   * was canceled inside it (the final invoice of an immediate cancellation).
   */
  period?: PeriodKey
  /** Bill the current period up to now: the final invoice of an immediate cancellation. */
  upToNow?: boolean
  dryRun?: boolean
}

/**
 * Computes one subscription's invoice for a period and writes it as a draft (created, or updated
 * when it changed; a finalized one is left alone). Synchronous, on the ledger's raw connection,
 * so it joins whatever transaction the caller is in.
 */
export const billSubscription = (
  db: Database.Database,
  subscriptionId: number,
  options: BillOneOptions,
): RunItem => {
  const [sub] = loadSubscriptions(db, subscriptionId)
  if (!sub) throw new AppError('not_found', `There is no subscription ${subscriptionId}.`)
  const biller = new Biller(db, {
    now: options.now,
    runId: options.runId ?? null,
    dryRun: options.dryRun ?? false,
  })
  const choice = choosePeriod(sub, biller.book, {
    period: options.period,
    current: options.upToNow ?? false,
    now: options.now,
    timeZone: biller.timeZone,
  })
  return biller.bill(sub, choice)
}
