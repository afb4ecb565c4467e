import type Database from 'better-sqlite3'
import type { DecimalString } from '../../src-shared/domain/pricing'
import { fromMicros } from '../../src-shared/quantity'
import { CUSTOMER_INDEX, hasCustomerIndex, hasTimeIndex, TIME_INDEX } from '../usage/customer-index'
import { aggregationOf, type MetricAggregation } from '../../src-shared/domain/aggregation'
import type { FeatureOverride, PlanFeature } from '../../src-shared/domain/catalog'
import { applyOverride } from '../entitlements/apply-override'
import { eventValues } from '../usage/event-values'
import type { PlanSpan } from './compute/types'
import type { CustomerRange } from './subscriptions'
import { aggregateMetric } from '../usage/metric-aggregation'
import { aggregateUsage } from '../usage/queries'

type Window = { from: Date; to: Date }
const EVERY_CUSTOMER: CustomerRange = { first: 0, last: Number.MAX_SAFE_INTEGER }
type Sums = Record<string, DecimalString>
type SumRow = { customer_id: bigint; metric: string; micros: bigint }

/**
 * The metrics of these plan spans that are not summed, each as the feature that prices it
 * declares (the latest span that has it, as usage-lines.ts chooses). Usually none.
 */
export const otherAggregations = (spans: readonly PlanSpan[]): Map<string, MetricAggregation> => {
  const chosen = new Map<string, MetricAggregation>()
  for (const span of [...spans].reverse())
    for (const feature of span.terms.features)
      if ((feature.type === 'usage' || feature.type === 'quota') && !chosen.has(feature.code))
        chosen.set(feature.code, aggregationOf(feature))
  for (const [code, spec] of chosen) if (spec.aggregation === 'sum') chosen.delete(code)
  return chosen
}

/**
 * Whether a feature, as this customer has it, is priced event by event: a percentage on a sum
 * (Lago's percentage charge). Other aggregations give one quantity, priced as one event.
 */
export const pricedPerEvent = (feature: PlanFeature, override?: FeatureOverride): boolean => {
  const f = applyOverride(feature, override)
  return (
    (f.type === 'usage' || f.type === 'quota') &&
    f.pricing?.model === 'percentage' &&
    aggregationOf(f).aggregation === 'sum'
  )
}

/** The metrics of these plan spans priced event by event, chosen as usage-lines.ts chooses. */
export const perEventMetrics = (
  spans: readonly PlanSpan[],
  overrides: readonly FeatureOverride[],
): string[] => {
  const chosen = new Map<string, PlanFeature>()
  for (const span of [...spans].reverse())
    for (const feature of span.terms.features)
      if (!chosen.has(feature.code)) chosen.set(feature.code, feature)
  return [...chosen.values()]
    .filter((f) =>
      pricedPerEvent(
        f,
        overrides.find((o) => o.code === f.code),
      ),
    )
    .map((f) => f.code)
}

/** A window as a key: a run's subscriptions anchored alike share one. */
export const windowKey = (w: Window): string => `${w.from.getTime()}/${w.to.getTime()}`

/**
 * One window's sums for a range of customers, as plain arrays: what `read` gives and `provide`
 * takes, so that the reading can happen on another thread (a run's writer, batch-writer.ts).
 * Customers of the range with no usage in the window have no entry.
 */
export type SumsPart = {
  window: Window
  customers: CustomerRange
  ids: number[]
  metrics: string[]
  sums: DecimalString[]
}

/** A shared window's sums as read so far: those of the customers in the ranges covered. */
type Shared = { byCustomer: Map<number, Sums>; covered: CustomerRange[] }

/** Below this many subscriptions sharing a window, summing per customer beats one pass over all. */
const SHARED_WINDOW = 50

/**
 * Usage sums per customer and metric over a window. A run reads the windows many subscriptions
 * share (every subscriber anchored on the 1st shares the month) one range of customers at a
 * time, in one GROUP BY pass each; any other window is summed per customer over the
 * (customer, metric, ts) index.
 */
export class UsageSource {
  readonly #db: Database.Database
  readonly #shared = new Map<string, Shared>()
  /** Per window, whether it holds so much of the ledger that the customer index reads it best. */
  readonly #large = new Map<string, boolean>()

  /**
   * The sums alone, in no particular order: billing needs neither the counts and maxima nor the
   * sorting that the explorer's aggregation (usage/queries.ts) does, and on a million events
   * they cost a good part of the run.
   */
  readonly #sumByTime
  readonly #sumByCustomer
  readonly #sumByScan
  readonly #inWindow
  readonly #highestRow

  constructor(db: Database.Database) {
    this.#db = db
    const sum = (access: string) =>
      db
        .prepare<[number, number, number, number], SumRow>(
          `SELECT customer_id, metric, SUM(quantity_micros) AS micros
           FROM usage_event ${access}
           WHERE ts >= ? AND ts < ? AND customer_id BETWEEN ? AND ?
           GROUP BY customer_id, metric`,
        )
        .safeIntegers(true)
    // Prepared when used: an import in another process may have dropped the indexes a while.
    this.#sumByTime = () => sum(`INDEXED BY ${TIME_INDEX}`)
    this.#sumByCustomer = () => sum(`INDEXED BY ${CUSTOMER_INDEX}`)
    this.#sumByScan = sum('NOT INDEXED')
    // Counts no further than it needs to: up to the limit given, a quarter of the events.
    this.#inWindow = () =>
      db
        .prepare<[number, number, number], number>(
          `SELECT count(*) FROM (
             SELECT 1 FROM usage_event INDEXED BY ${TIME_INDEX} WHERE ts >= ? AND ts < ? LIMIT ?)`,
        )
        .pluck()
    // Events are never deleted, so the highest rowid is (about) how many there are, at no cost.
    this.#highestRow = db.prepare<[], number | null>('SELECT max(rowid) FROM usage_event').pluck()
  }

  /**
   * SQLite keeps no statistics on how much of the ledger a window holds and always reaches for
   * the ts index: a table lookup per event, then a sort. When the window holds more than a
   * quarter of the events, one pass over the customer index (which carries the quantities, and
   * is in group order: no sort) costs far less: a million events in one month, 0.25 s instead
   * of 1.6 s. Without that index (an import is rebuilding it) one pass over the table comes next;
   * a smaller window keeps the ts index, when there is one. The window is counted once: a run
   * reads it range by range.
   */
  #sumsOf(window: Window, customers: CustomerRange): SumRow[] {
    const from = window.from.getTime()
    const to = window.to.getTime()
    const range = [from, to, customers.first, customers.last] as const
    // Without the time index (an import is rebuilding it) the window cannot be counted cheaply.
    if (hasTimeIndex(this.#db) && !this.#isLarge(window)) return this.#sumByTime().all(...range)
    return (hasCustomerIndex(this.#db) ? this.#sumByCustomer() : this.#sumByScan).all(...range)
  }

  #isLarge(window: Window): boolean {
    const key = windowKey(window)
    let large = this.#large.get(key)
    if (large === undefined) {
      const quarter = Math.floor((this.#highestRow.get() ?? 0) / 4)
      const counted = this.#inWindow().get(window.from.getTime(), window.to.getTime(), quarter + 1)
      large = (counted ?? 0) > quarter
      this.#large.set(key, large)
    }
    return large
  }

  /** The windows many of these subscriptions' periods share: those worth reading in one pass. */
  sharedWindows(windows: Window[]): Window[] {
    const counts = new Map<string, { window: Window; n: number }>()
    for (const w of windows) {
      const entry = counts.get(windowKey(w)) ?? { window: w, n: 0 }
      entry.n += 1
      counts.set(windowKey(w), entry)
    }
    return [...counts.values()].filter(({ n }) => n >= SHARED_WINDOW).map(({ window }) => window)
  }

  /** One window's sums for a range of customers, as `provide` takes them. */
  read(window: Window, customers: CustomerRange): SumsPart {
    const part: SumsPart = { window, customers, ids: [], metrics: [], sums: [] }
    for (const row of this.#sumsOf(window, customers)) {
      part.ids.push(Number(row.customer_id))
      part.metrics.push(row.metric)
      part.sums.push(fromMicros(row.micros))
    }
    return part
  }

  /** Keeps sums read (here or on another thread) for `sums` to answer from. */
  provide(part: SumsPart): void {
    const key = windowKey(part.window)
    const shared = this.#shared.get(key) ?? { byCustomer: new Map<number, Sums>(), covered: [] }
    this.#shared.set(key, shared)
    shared.covered.push(part.customers)
    part.ids.forEach((id, i) => {
      const sums = shared.byCustomer.get(id) ?? {}
      sums[part.metrics[i] ?? ''] = part.sums[i] ?? '0'
      shared.byCustomer.set(id, sums)
    })
  }

  /** Lets go of the sums read so far: a run holds those of one slice of customers at a time. */
  forget(): void {
    this.#shared.clear()
  }

  /**
   * Sums the windows many of these subscriptions share, for the customers given (a run's slice,
   * customerRanges in subscriptions.ts) or all, in place of what was read before.
   */
  prefetch(windows: Window[], customers: CustomerRange = EVERY_CUSTOMER): void {
    this.forget()
    for (const window of this.sharedWindows(windows)) this.provide(this.read(window, customers))
  }

  sums(customerId: number, window: Window): Sums {
    // Only a customer whose range was read has its sums there; any other is summed alone.
    const shared = this.#shared.get(windowKey(window))
    if (shared?.covered.some((c) => c.first <= customerId && customerId <= c.last))
      return shared.byCustomer.get(customerId) ?? {}
    const sums: Sums = {}
    for (const a of aggregateUsage(this.#db, {
      customerId,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
    }))
      sums[a.metric] = a.sum
    return sums
  }

  /** Each event's value, in order, per metric priced event by event: one indexed query each. */
  events(customerId: number, window: Window, metrics: readonly string[]) {
    const events: Record<string, DecimalString[]> = {}
    const w = { from: window.from.getTime(), to: window.to.getTime() }
    for (const metric of metrics) events[metric] = eventValues(this.#db, customerId, metric, w)
    return events
  }

  /**
   * The usage billed per metric: the sums, with each metric that aggregates otherwise (count,
   * max, ...) replaced by its own indexed query. Plans of sums alone never leave the fast path.
   */
  quantities(
    customerId: number,
    window: Window,
    periodMs: number,
    others: ReadonlyMap<string, MetricAggregation>,
  ): Sums {
    const sums = this.sums(customerId, window)
    if (others.size === 0) return sums
    const quantities = { ...sums }
    const w = { from: window.from.getTime(), to: window.to.getTime(), periodMs }
    for (const [metric, spec] of others)
      quantities[metric] = aggregateMetric(this.#db, spec, customerId, metric, w)
    return quantities
  }
}
