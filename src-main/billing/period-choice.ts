import type { InvoiceStatus, PeriodKey } from '../../src-shared/domain/billing'
import { startOfDay } from '../calendar/business-days'
import type { BillingPeriod } from './compute/types'
import { billableWindow, periodAt, periodStartingIn, type PeriodBasis } from '../calendar/periods'
import type { PlanBook } from './plan-book'
import { versionAt, type BillableSubscription } from './subscriptions'

/** How a subscription's periods are laid out at an instant: its start, anchor and plan interval. */
export const basisOf = (sub: BillableSubscription, book: PlanBook, at: Date): PeriodBasis => {
  const { planId, version } = versionAt(sub, at)
  return {
    startDate: sub.startDate,
    anchorDay: sub.anchorDay,
    interval: book.get(planId, version).terms.interval,
  }
}

/** The latest ended period, or the current one when the subscription was canceled inside it. */
const latestPeriod = (
  sub: BillableSubscription,
  book: PlanBook,
  now: Date,
  timeZone: string,
): BillingPeriod => {
  const current = periodAt(basisOf(sub, book, now), now, timeZone)
  if (sub.canceledAt !== null && sub.canceledAt.getTime() >= current.start.getTime()) return current
  const before = new Date(current.start.getTime() - 1)
  return periodAt(basisOf(sub, book, before), before, timeZone)
}

export type PeriodChoice =
  | { due: true; period: BillingPeriod; window: { from: Date; to: Date } }
  | { due: false; period: BillingPeriod | null; reason: string }

/**
 * The period a run bills for a subscription: the one starting in the month asked for, or else
 * the latest that has ended. It is due once it has ended, or once the subscription was canceled
 * inside it (the final invoice); a period wholly in trial or before the start bills nothing.
 */
export const choosePeriod = (
  sub: BillableSubscription,
  book: PlanBook,
  options: { period?: PeriodKey | undefined; current?: boolean; now: Date; timeZone: string },
): PeriodChoice => {
  const { now, timeZone } = options
  const period =
    options.period !== undefined
      ? periodStartingIn(basisOf(sub, book, now), options.period, timeZone)
      : options.current
        ? periodAt(basisOf(sub, book, now), now, timeZone)
        : latestPeriod(sub, book, now, timeZone)
  if (!period)
    return { due: false, period: null, reason: `no billing period starts in ${options.period}` }
  return judge(sub, period, now, timeZone)
}

/** Whether a period is due, and its billable window: see choosePeriod. */
const judge = (
  sub: BillableSubscription,
  period: BillingPeriod,
  now: Date,
  timeZone: string,
): PeriodChoice => {
  const canceled = sub.canceledAt
  if (canceled && canceled.getTime() <= period.start.getTime())
    return { due: false, period, reason: 'canceled before this period' }
  const ended = period.end.getTime() <= now.getTime()
  const finalInvoice = canceled !== null && canceled.getTime() <= now.getTime()
  if (!ended && !finalInvoice) return { due: false, period, reason: 'the period has not ended yet' }
  const window = billableWindow(
    period,
    { startDate: sub.startDate, trialEnd: sub.trialEnd, canceledAt: canceled },
    timeZone,
  )
  if (!window) {
    const inTrial = sub.trialEnd !== null && sub.startDate < sub.trialEnd
    return {
      due: false,
      period,
      reason: inTrial ? 'the whole period is in trial' : 'the subscription had not started',
    }
  }
  return { due: true, period, window }
}

/** A subscription's invoices by period start (ISO 8601): each one's status. */
export type InvoicedPeriods = ReadonlyMap<string, InvoiceStatus>

/**
 * The periods a run bills for a subscription. For a month asked for, that month's period. Else a
 * catch-up, oldest first: every earlier period since the subscription's start that is due and has
 * no invoice yet (or only a draft, which is recomputed), then the latest period as choosePeriod
 * reports it. So a ledger whose app was closed across several slots has every ended period billed
 * once, and a re-run finds them invoiced and bills nothing twice.
 */
export const periodsToBill = (
  sub: BillableSubscription,
  book: PlanBook,
  options: {
    period?: PeriodKey | undefined
    now: Date
    timeZone: string
    invoiced?: InvoicedPeriods | undefined
  },
): PeriodChoice[] => {
  const latest = choosePeriod(sub, book, options)
  if (options.period !== undefined || !latest.period) return [latest]
  const { now, timeZone, invoiced } = options
  const first = startOfDay(sub.startDate, timeZone).getTime()
  const earlier: PeriodChoice[] = []
  let period = latest.period
  // Back from the latest to the period holding the start date; the plan (so the interval) of
  // each is the one in force just before the next one began.
  while (period.start.getTime() > first) {
    const before = new Date(period.start.getTime() - 1)
    period = periodAt(basisOf(sub, book, before), before, timeZone)
    const status = invoiced?.get(period.start.toISOString())
    if (status !== undefined && status !== 'draft') continue
    const choice = judge(sub, period, now, timeZone)
    if (choice.due) earlier.push(choice)
  }
  return [...earlier.reverse(), latest]
}
