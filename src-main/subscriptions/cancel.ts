import type Database from 'better-sqlite3'
import type { Interval } from '../../src-shared/domain/catalog'
import { periodAt } from '../calendar/periods'
import { AppError } from '../errors'
import { applyTransition, type SubscriptionState } from './status-machine'

type Context = { now: Date; operator: string; timeZone: string }

const intervalOf = (db: Database.Database, state: SubscriptionState): Interval => {
  const json = db
    .prepare<[string, number], string>(
      'SELECT terms_json FROM plan_version WHERE plan_id = ? AND version = ?',
    )
    .pluck()
    .get(state.planId, state.planVersion)
  return (
    (JSON.parse(json ?? '{}') as { interval?: Interval }).interval ?? { unit: 'month', count: 1 }
  )
}

const refuseCanceled = (state: SubscriptionState): void => {
  if (state.status === 'canceled')
    throw new AppError('conflict', 'The subscription is already canceled.')
}

/**
 * Schedules the cancellation for the end of the current billing period (business time zone);
 * the lifecycle automation cancels it then, and that period is billed as usual.
 */
export const cancelAtPeriodEnd = (
  db: Database.Database,
  state: SubscriptionState,
  context: Context,
): string => {
  refuseCanceled(state)
  if (state.cancelAt !== null)
    throw new AppError(
      'conflict',
      `The subscription is already set to cancel on ${state.cancelAt}.`,
    )
  const basis = {
    startDate: state.startDate,
    anchorDay: state.anchorDay,
    interval: intervalOf(db, state),
  }
  const cancelAt = periodAt(basis, context.now, context.timeZone).end.toISOString()
  db.prepare('UPDATE subscription SET cancel_at = ? WHERE id = ?').run(cancelAt, state.id)
  return cancelAt
}

/**
 * Cancels now. The final invoice (the current period up to now) is billing's to write, after
 * this and in the same mutation: see billing/final-invoice.
 */
export const cancelImmediately = (
  db: Database.Database,
  state: SubscriptionState,
  reason: string,
  context: Context,
): void => {
  refuseCanceled(state)
  const at = context.now.toISOString()
  applyTransition(db, state, {
    to: 'canceled',
    at,
    reason: reason === '' ? 'Canceled immediately' : reason,
    operator: context.operator,
  })
  db.prepare('UPDATE subscription SET cancel_at = NULL WHERE id = ?').run(state.id)
}
