import type Database from 'better-sqlite3'
import type { UpcomingInvoice } from '../../src-shared/domain/upcoming-invoice'
import { billableWindow, periodAt } from '../calendar/periods'
import { AppError } from '../errors'
import { Biller } from './biller'
import { basisOf } from './period-choice'
import { loadSubscriptions } from './subscriptions'
import { overagesOf } from './upcoming-overage'

const none = (reason: string): UpcomingInvoice => ({ status: 'none', reason })

/**
 * The customer's upcoming invoice: the period holding `now`, priced as the billing run would
 * price it if the period ended with the usage stored so far. A dry Biller computes it, so nothing
 * is written: no draft, no run, no audit entry.
 */
export const upcomingInvoice = (
  db: Database.Database,
  externalId: string,
  now: Date,
): UpcomingInvoice => {
  const found = db
    .prepare<[string], { customer: number; subscription: number | null }>(
      `SELECT c.id AS customer, s.id AS subscription
       FROM customer c LEFT JOIN subscription s ON s.customer_id = c.id
       WHERE c.external_id = ?`,
    )
    .get(externalId)
  if (!found) throw new AppError('not_found', `There is no customer ${externalId}.`)
  if (found.subscription === null) return none('No subscription, so there is nothing to bill.')
  const [sub] = loadSubscriptions(db, found.subscription)
  if (!sub) return none('No subscription, so there is nothing to bill.')
  if (sub.canceledAt !== null && sub.canceledAt.getTime() <= now.getTime())
    return none('The subscription is canceled: its final invoice is billed on its own.')
  const biller = new Biller(db, { now, runId: null, dryRun: true })
  const period = periodAt(basisOf(sub, biller.book, now), now, biller.timeZone)
  const window = billableWindow(period, sub, biller.timeZone)
  if (!window) {
    const inTrial = sub.trialEnd !== null && sub.startDate < sub.trialEnd
    return none(
      inTrial ? 'The whole current period is in trial.' : 'The subscription has not started yet.',
    )
  }
  const estimate = biller.estimate(sub, { due: true, period, window })
  if (typeof estimate === 'string') return none(`Cannot be estimated: it ${estimate}.`)
  const { input, invoice: computed } = estimate
  return {
    status: 'estimated',
    currency: input.customer.currency,
    periodStart: period.start.toISOString(),
    periodEnd: period.end.toISOString(),
    asOf: now.toISOString(),
    lines: computed.lines,
    discounts: computed.discounts,
    tax: computed.tax,
    totals: computed.totals,
    notes: computed.notes,
    overages: overagesOf(input, computed),
  }
}
