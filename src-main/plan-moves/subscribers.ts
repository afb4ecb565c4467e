import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type { MoveSubscribersInputSchema } from '../../src-shared/domain/plan-moves'
import { dayOf, startOfDay } from '../calendar/business-days'
import { AppError } from '../errors'
import { stateSelect, type SubscriptionState } from '../subscriptions/status-machine'
import type { BookEntry, PlanBook } from '../billing/plan-book'

export type MoveParsed = z.output<typeof MoveSubscribersInputSchema>

/** A subscriber to move, with the instant their move takes effect. */
export type Subscriber = SubscriptionState & { name: string; effectiveAt: Date }

const invalid = (field: string, message: string): AppError =>
  new AppError('validation_failed', `Cannot move subscribers: ${field} ${message}.`, {
    [field]: message,
  })

const versionOf = (book: PlanBook, planId: string, version: number, field: string): BookEntry => {
  try {
    return book.get(planId, version)
  } catch {
    throw invalid(field, `${version} is not a published version of ${planId}`)
  }
}

/** The two versions, checked: both published, different, and priced in the same currency. */
export const versionsOf = (
  book: PlanBook,
  input: MoveParsed,
): { from: BookEntry; to: BookEntry } => {
  if (input.fromVersion === input.toVersion)
    throw invalid('toVersion', 'must differ from the version they are on')
  const from = versionOf(book, input.planId, input.fromVersion, 'fromVersion')
  const to = versionOf(book, input.planId, input.toVersion, 'toVersion')
  if (from.terms.currency !== to.terms.currency)
    throw invalid(
      'toVersion',
      `is priced in ${to.terms.currency}, but version ${from.version} in ${from.terms.currency}`,
    )
  return { from, to }
}

/**
 * The live subscriptions on the plan version, all of them or the customers named (each must be
 * on it: a name that is not is a mistake to report, not to skip). A subscription that starts
 * after the effective date moves from its start.
 */
export const subscribersOf = (
  db: Database.Database,
  input: MoveParsed,
  timeZone: string,
): Subscriber[] => {
  const nameOf = db.prepare<[number], string>('SELECT name FROM customer WHERE id = ?').pluck()
  const rows = db
    .prepare<[string, number], SubscriptionState>(
      `${stateSelect}
       WHERE s.plan_id = ? AND s.plan_version = ? AND s.status <> 'canceled'
       ORDER BY c.external_id`,
    )
    .all(input.planId, input.fromVersion)
    .map((row) => ({ ...row, name: nameOf.get(row.customerId) ?? row.externalId }))
  const wanted = input.customers
  let chosen = rows
  if (wanted !== undefined) {
    const byId = new Map(rows.map((r) => [r.externalId, r]))
    const missing = wanted.filter((id) => !byId.has(id))
    if (missing.length > 0)
      throw invalid(
        'customers',
        `${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no live subscription on ${input.planId} version ${input.fromVersion}`,
      )
    const set = new Set(wanted)
    chosen = rows.filter((r) => set.has(r.externalId))
  }
  const from = startOfDay(input.effectiveFrom, timeZone)
  return chosen.map((row) => {
    const start = startOfDay(row.startDate, timeZone)
    return { ...row, effectiveAt: start.getTime() > from.getTime() ? start : from }
  })
}

/**
 * Why a subscriber cannot move from their effective instant, or null. Issued documents never
 * change, so a date inside (or before) a finalized period is refused; a draft period is fine,
 * as its draft is recomputed with the move.
 */
export const refusalOf = (
  db: Database.Database,
  sub: Subscriber,
  to: BookEntry,
  timeZone: string,
): string | null => {
  if (sub.billedThrough !== null && sub.effectiveAt.getTime() < Date.parse(sub.billedThrough)) {
    const issued = db
      .prepare<[number, string], { number: string | null; period: string }>(
        `SELECT number, period FROM invoice WHERE subscription_id = ? AND status <> 'draft'
           AND period_end > ? ORDER BY period_start LIMIT 1`,
      )
      .get(sub.id, sub.effectiveAt.toISOString())
    const invoice = issued ? `invoice ${issued.number ?? ''} for ${issued.period}` : 'an invoice'
    const day = dayOf(new Date(sub.billedThrough), timeZone)
    return `${dayOf(sub.effectiveAt, timeZone)} falls in a period already invoiced (${invoice} is finalized, and issued documents never change): choose ${day} or later`
  }
  const lastChange = db
    .prepare<[number], string | null>(
      'SELECT max(effective_at) FROM subscription_change WHERE subscription_id = ?',
    )
    .pluck()
    .get(sub.id)
  if (lastChange && lastChange > sub.effectiveAt.toISOString())
    return `the plan was already changed from ${dayOf(new Date(lastChange), timeZone)}, after ${dayOf(sub.effectiveAt, timeZone)}`
  const overrides = db
    .prepare<[number], string>('SELECT overrides_json FROM customer WHERE id = ?')
    .pluck()
    .get(sub.customerId)
  const codes = new Set(to.terms.features.map((f) => f.code))
  const orphans = (JSON.parse(overrides ?? '[]') as { code: string }[])
    .map((o) => o.code)
    .filter((code) => !codes.has(code))
  if (orphans.length > 0)
    return `the customer has overrides for ${orphans.join(', ')}, which version ${to.version} does not have`
  return null
}
