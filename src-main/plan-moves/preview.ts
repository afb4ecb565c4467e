import type Database from 'better-sqlite3'
import type {
  MoveComparison,
  MovePreview,
  MovePreviewRow,
  MoveTotal,
} from '../../src-shared/domain/plan-moves'
import { computeInvoice, type BillingPeriod } from '../billing/compute'
import { billableWindow } from '../calendar/periods'
import { PlanBook, type BookEntry } from '../billing/plan-book'
import { loadSubscriptions, type BillableSubscription } from '../billing/subscriptions'
import { otherAggregations, perEventMetrics, UsageSource } from '../billing/usage-source'
import { startOfDay } from '../calendar/business-days'
import { readSettingsNow } from '../settings/settings-service'
import {
  refusalOf,
  subscribersOf,
  versionsOf,
  type MoveParsed,
  type Subscriber,
} from './subscribers'

type LastInvoice = { period: string; period_start: string; period_end: string }

type Context = {
  usage: UsageSource
  timeZone: string
  lastInvoice: Database.Statement<[number], LastInvoice>
}

type Billed = {
  billable: BillableSubscription
  period: BillingPeriod
  window: { from: Date; to: Date }
}

/** A subscriber's last billed period: its latest invoice that is not void, and what it covers. */
const lastBilled = (db: Database.Database, sub: Subscriber, context: Context): Billed | null => {
  const last = context.lastInvoice.get(sub.id)
  const [billable] = loadSubscriptions(db, sub.id)
  if (!last || !billable) return null
  const period: BillingPeriod = {
    start: new Date(last.period_start),
    end: new Date(last.period_end),
    key: last.period,
  }
  const window = billableWindow(period, billable, context.timeZone)
  return window ? { billable, period, window } : null
}

/**
 * The last billed period re-priced under both versions: the same days, the same usage, the whole
 * billable part of the period on one version each time. Discounts, credit and tax are left out,
 * so the difference is the plan's alone.
 */
const compare = (
  { billable, period, window }: Billed,
  versions: { from: BookEntry; to: BookEntry },
  context: Context,
): MoveComparison => {
  const subtotal = (entry: BookEntry): number => {
    const spans = [{ ...entry, from: window.from, to: window.to }]
    // Each version's metrics as the billing run reads them: its own aggregation (a max, a count)
    // and, for a metric priced event by event (percentage), every event's value.
    const usage = context.usage.quantities(
      billable.customerId,
      window,
      period.end.getTime() - period.start.getTime(),
      otherAggregations(spans),
    )
    const events = context.usage.events(
      billable.customerId,
      window,
      perEventMetrics(spans, billable.overrides),
    )
    return computeInvoice({
      period,
      timeZone: context.timeZone,
      customer: {
        externalId: billable.externalId,
        name: billable.name,
        currency: entry.terms.currency,
        taxRegion: billable.taxRegion,
        taxExempt: billable.taxExempt,
        overrides: billable.overrides,
      },
      spans,
      trialEndedAt: null,
      usage,
      events,
      late: [],
      discounts: [],
      creditBalanceMinor: 0,
      tax: null,
      manualLines: [],
    }).totals.subtotalMinor
  }
  const fromMinor = subtotal(versions.from)
  const toMinor = subtotal(versions.to)
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
  const timeZone = readSettingsNow(db).businessTimeZone
  const book = new PlanBook(db)
  const versions = versionsOf(book, input)
  const subscribers = subscribersOf(db, input, timeZone)
  const context: Context = {
    usage: new UsageSource(db),
    timeZone,
    lastInvoice: db.prepare<[number], LastInvoice>(
      `SELECT period, period_start, period_end FROM invoice
       WHERE subscription_id = ? AND status <> 'void' ORDER BY period_start DESC, id DESC LIMIT 1`,
    ),
  }
  const billed = subscribers.map((sub) => lastBilled(db, sub, context))
  // Most subscribers share their last period (anchored on the 1st): one pass sums its usage.
  context.usage.prefetch(billed.flatMap((b) => (b ? [b.window] : [])))
  const rows = subscribers.map((sub, i): MovePreviewRow => {
    const last = billed[i]
    return {
      externalId: sub.externalId,
      customerName: sub.name,
      subscriptionId: sub.id,
      currency: sub.currency,
      lastPeriod: last ? compare(last, versions, context) : null,
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
