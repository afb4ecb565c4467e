import { TZDate } from '@date-fns/tz'
import type Database from 'better-sqlite3'
import type { SubscriptionStatus } from '../../src-shared/domain/customers'
import { appendAudit } from '../audit/audit-service'
import { dayOf, startOfDay, startOfNextDay } from '../calendar/business-days'
import {
  applyTransition,
  pastDueCause,
  recordStarts,
  stateSelect,
  type SubscriptionState,
} from './status-machine'

/** Days a subscription stays past_due before suspension when its plan sets none. */
export const DEFAULT_GRACE_PERIOD_DAYS = 14

export type LifecycleOptions = {
  now: Date
  operator: string
  timeZone: string
  /** Told of each status change as it is made (a scheduled slot reports them). */
  onMove?: (move: LifecycleMove) => void
}

/** One status change the calendar or the invoices made: what a scheduled slot reports. */
export type LifecycleMove = {
  customerId: string
  from: SubscriptionStatus
  to: SubscriptionStatus
  at: string
  reason: string
}

type Step = { to: SubscriptionStatus; at: string; reason: string; cause?: 'overdue' }
type Overdue = { number: string | null; dueDate: string }

/** The reason automation gives when an unpaid invoice makes a subscription past due. */
export const overdueReason = (number: string | null): string =>
  `Invoice ${number ?? '(unnumbered)'} overdue`

/**
 * Applies every status change the calendar and the invoices call for, until none is left:
 * - a cancellation at period end whose time has come → canceled;
 * - trialing whose trial has ended (from 00:00 on `trial_end`, business time) → active;
 * - active with a finalized invoice whose due date has passed since it became active → past_due;
 * - past_due or suspended with no overdue invoice left → active ("Paid"), unless a person put it
 *   there (a manual hold is lifted by hand);
 * - past_due longer than the plan's grace period (default 14 days) → suspended.
 * Each change is dated when it actually happened (the trial's end, the day after the due date,
 * the grace period's end), never before the previous one and never after `now`, so catching up
 * after the app was closed gives the same history as running on time. Idempotent.
 */
export const advanceLifecycle = (
  db: Database.Database,
  options: LifecycleOptions,
): { transitions: number } => {
  const { now, operator, timeZone } = options
  const nowIso = now.toISOString()
  const today = dayOf(now, timeZone)
  recordStarts(db, operator)
  // Only subscriptions some rule may apply to: the rest are not even read.
  const candidates = db
    .prepare<{ now: string; today: string }, SubscriptionState>(
      `${stateSelect}
       WHERE s.status <> 'canceled' AND (
         (s.cancel_at IS NOT NULL AND s.cancel_at <= @now)
         OR (s.status = 'trialing' AND s.trial_end <= @today)
         OR s.status IN ('past_due', 'suspended')
         OR (s.status = 'active' AND EXISTS (
           SELECT 1 FROM invoice i WHERE i.subscription_id = s.id
             AND i.status = 'finalized' AND i.due_date < @today)))
       ORDER BY s.id`,
    )
    .all({ now: nowIso, today })
  const overdueOf = db.prepare<[number, string], Overdue>(
    `SELECT number, due_date AS dueDate FROM invoice
     WHERE subscription_id = ? AND status = 'finalized' AND due_date < ?
     ORDER BY due_date, id`,
  )
  const graceOf = db
    .prepare<[string, number], string>(
      'SELECT terms_json FROM plan_version WHERE plan_id = ? AND version = ?',
    )
    .pluck()

  const nextStep = (state: SubscriptionState): Step | undefined => {
    if (state.status === 'canceled') return undefined
    const since = state.statusSince ?? nowIso
    const dated = (at: Date | string): string => {
      const iso = typeof at === 'string' ? at : at.toISOString()
      return iso < since ? since : iso > nowIso ? nowIso : iso
    }
    if (state.cancelAt !== null && state.cancelAt <= nowIso)
      return {
        to: 'canceled',
        at: dated(state.cancelAt),
        reason: 'Canceled at the end of the billing period',
      }
    if (state.status === 'trialing' && state.trialEnd !== null && state.trialEnd <= today)
      return {
        to: 'active',
        at: dated(startOfDay(state.trialEnd, timeZone)),
        reason: 'Trial ended',
      }
    const overdueList = overdueOf.all(state.id, today)
    const overdue = overdueList[0]
    // Only an invoice falling overdue while active counts: one that was already overdue when a
    // person reactivated the subscription was their call to make.
    const newlyOverdue = overdueList
      .map((invoice) => ({ invoice, from: startOfNextDay(invoice.dueDate, timeZone) }))
      .find(({ from }) => from.toISOString() >= since)
    if (state.status === 'active' && newlyOverdue)
      return {
        to: 'past_due',
        at: dated(newlyOverdue.from),
        reason: overdueReason(newlyOverdue.invoice.number),
        cause: 'overdue',
      }
    if (state.status === 'past_due' || state.status === 'suspended') {
      if (!overdue && pastDueCause(db, state.id) === 'overdue')
        return { to: 'active', at: nowIso, reason: 'Paid' }
    }
    if (state.status === 'past_due') {
      const terms = JSON.parse(graceOf.get(state.planId, state.planVersion) ?? '{}') as {
        gracePeriodDays?: number
      }
      const days = terms.gracePeriodDays ?? DEFAULT_GRACE_PERIOD_DAYS
      // Calendar days in the business time zone, so a DST change does not move the deadline.
      const local = new TZDate(new Date(since).getTime(), timeZone)
      local.setDate(local.getDate() + days)
      const end = new Date(local.getTime())
      if (end.getTime() <= now.getTime()) {
        const unpaid = overdue ? ` with invoice ${overdue.number ?? '(unnumbered)'} unpaid` : ''
        return {
          to: 'suspended',
          at: dated(end),
          reason: `Grace period of ${days} days ended${unpaid}`,
        }
      }
    }
    return undefined
  }

  let transitions = 0
  for (const candidate of candidates) {
    let state = candidate
    // Each step moves forward along the machine, so a handful always reaches the fixed point.
    for (let guard = 0; guard < 6; guard++) {
      const step = nextStep(state)
      if (!step) break
      applyTransition(db, state, { ...step, operator })
      appendAudit(db, {
        at: nowIso,
        operator,
        action: 'subscriptions:lifecycle',
        entityType: 'subscription',
        entityId: state.externalId,
        before: { status: state.status, statusSince: state.statusSince },
        after: { status: step.to, statusSince: step.at, reason: step.reason },
      })
      options.onMove?.({
        customerId: state.externalId,
        from: state.status,
        to: step.to,
        at: step.at,
        reason: step.reason,
      })
      state = { ...state, status: step.to, statusSince: step.at }
      transitions += 1
    }
  }
  return { transitions }
}
