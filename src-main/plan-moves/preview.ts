import type Database from 'better-sqlite3'
import type {
  MoveComparison,
  MovePreview,
  MovePreviewRow,
  MoveTotal,
} from '../../src-shared/domain/plan-moves'
import { PlanBook, type BookEntry } from '../billing/plan-book'
import { Repricer, type LastBilled } from '../billing/reprice'
import { startOfDay } from '../calendar/business-days'
import {
  refusalOf,
  subscribersOf,
  versionsOf,
  type MoveParsed,
  type Subscriber,
} from './subscribers'

/**
 * The last billed period re-priced under both versions: the same days, the same usage, the whole
 * billable part of the period on one version each time. Discounts, credit and tax are left out,
 * so the difference is the plan's alone.
 */
const compare = (
  billed: LastBilled,
  versions: { from: BookEntry; to: BookEntry },
  repricer: Repricer,
): MoveComparison => {
  const { period } = billed
  const fromMinor = repricer.price(billed, versions.from).totals.subtotalMinor
  const toMinor = repricer.price(billed, versions.to).totals.subtotalMinor
  return {
    period: period.key,
    periodStart: period.start.toISOString(),
    periodEnd: period.end.toISOString(),
    fromMinor,
    toMinor,
    differenceMinor: toMinor - fromMinor,
  }
}

/** Per currency, each total the exact sum of its rows' amounts. */
const totalsOf = (rows: MovePreviewRow[]): MoveTotal[] => {
  const totals = new Map<string, MoveTotal>()
  for (const row of rows) {
    const last = row.lastPeriod
    if (!last) continue
    const total = totals.get(row.currency) ?? {
      currency: row.currency,
      customers: 0,
      fromMinor: 0,
      toMinor: 0,
      differenceMinor: 0,
    }
    total.customers += 1
    total.fromMinor += last.fromMinor
    total.toMinor += last.toMinor
    total.differenceMinor += last.differenceMinor
    totals.set(row.currency, total)
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency))
}

export type PlannedMove = { preview: MovePreview; subscribers: Subscriber[] }

/** What moving would do, for each subscriber and in total; writes nothing. */
export const planMove = (db: Database.Database, input: MoveParsed): PlannedMove => {
  const repricer = new Repricer(db)
  const timeZone = repricer.timeZone
  const book = new PlanBook(db)
  const versions = versionsOf(book, input)
  const subscribers = subscribersOf(db, input, timeZone)
  const billed = subscribers.map((sub) => repricer.lastBilled(sub.id))
  repricer.prefetch(billed)
  const rows = subscribers.map((sub, i): MovePreviewRow => {
    const last = billed[i]
    return {
      externalId: sub.externalId,
      customerName: sub.name,
      subscriptionId: sub.id,
      currency: sub.currency,
      lastPeriod: last ? compare(last, versions, repricer) : null,
      refusal: refusalOf(db, sub, versions.to, timeZone),
    }
  })
  return {
    subscribers,
    preview: {
      planId: input.planId,
      fromVersion: input.fromVersion,
      toVersion: input.toVersion,
      effectiveFrom: input.effectiveFrom,
      effectiveAt: startOfDay(input.effectiveFrom, timeZone).toISOString(),
      rows,
      totals: totalsOf(rows),
    },
  }
}
