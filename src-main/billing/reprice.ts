import type Database from 'better-sqlite3'
import type { PlanTerms } from '../../src-shared/domain/catalog'
import { billableWindow, type BillingPeriod } from '../calendar/periods'
import { readSettingsNow } from '../settings/settings-service'
import { computeInvoice } from './compute'
import type { ApplicableDiscount, ComputedInvoice, ComputedLine } from './compute/types'
import { loadSubscriptions, type BillableSubscription } from './subscriptions'
import { otherAggregations, perEventMetrics, UsageSource } from './usage-source'

/** A subscription's last billed period: its latest invoice that is not void, and what it covers. */
export type LastBilled = {
  invoiceId: number
  billable: BillableSubscription
  period: BillingPeriod
  window: { from: Date; to: Date }
}

/** A plan version to price with: a published one from the plan book, or a draft. */
export type PricedVersion = { planId: string; planName: string; version: number; terms: PlanTerms }

/**
 * What a re-pricing keeps of the billed invoice besides the plan's own charges: the discounts it
 * carried and the lines that are no plan's price (added by hand, late usage of earlier periods).
 */
export type Kept = { discounts: ApplicableDiscount[]; manualLines: ComputedLine[] }

const NOTHING_KEPT: Kept = { discounts: [], manualLines: [] }

type LastInvoice = { id: number; period: string; period_start: string; period_end: string }

/**
 * Re-prices subscribers' last billed periods under another plan version with the billing run's
 * own calculation (computeInvoice) and usage reading (UsageSource): what moving subscribers
 * (plan-moves) and a draft's what-if (what-if) show. Reads only.
 */
export class Repricer {
  readonly timeZone: string
  readonly #db: Database.Database
  readonly #usage: UsageSource
  readonly #lastInvoice: Database.Statement<[number], LastInvoice>

  constructor(db: Database.Database) {
    this.#db = db
    this.timeZone = readSettingsNow(db).businessTimeZone
    this.#usage = new UsageSource(db)
    this.#lastInvoice = db.prepare<[number], LastInvoice>(
      `SELECT id, period, period_start, period_end FROM invoice
       WHERE subscription_id = ? AND status <> 'void' ORDER BY period_start DESC, id DESC LIMIT 1`,
    )
  }

  /** Null when the subscription has no invoice yet, or nothing of its last period is billable. */
  lastBilled(subscriptionId: number): LastBilled | null {
    const last = this.#lastInvoice.get(subscriptionId)
    const [billable] = loadSubscriptions(this.#db, subscriptionId)
    if (!last || !billable) return null
    const period: BillingPeriod = {
      start: new Date(last.period_start),
      end: new Date(last.period_end),
      key: last.period,
    }
    const window = billableWindow(period, billable, this.timeZone)
    return window ? { invoiceId: last.id, billable, period, window } : null
  }

  /** Most subscribers share their last period (anchored on the 1st): one pass sums its usage. */
  prefetch(billed: readonly (LastBilled | null)[]): void {
    this.#usage.prefetch(billed.flatMap((b) => (b ? [b.window] : [])))
  }

  /**
   * The billed period re-priced on one version: the same days, the same usage, the whole
   * billable part of the period on that version, with the customer's overrides. Tax and prepaid
   * credit are left out (no rate, no balance): they are not the plan's price. `kept` adds the
   * billed invoice's discounts and its lines that no plan prices.
   */
  price(
    { billable, period, window }: LastBilled,
    version: PricedVersion,
    kept: Kept = NOTHING_KEPT,
  ): ComputedInvoice {
    const spans = [{ ...version, from: window.from, to: window.to }]
    // Each version's metrics as the billing run reads them: its own aggregation (a max, a count)
    // and, for a metric priced event by event (percentage), every event's value.
    const usage = this.#usage.quantities(
      billable.customerId,
      window,
      period.end.getTime() - period.start.getTime(),
      otherAggregations(spans),
    )
    const events = this.#usage.events(
      billable.customerId,
      window,
      perEventMetrics(spans, billable.overrides),
    )
    return computeInvoice({
      period,
      timeZone: this.timeZone,
      customer: {
        externalId: billable.externalId,
        name: billable.name,
        currency: version.terms.currency,
        taxRegion: billable.taxRegion,
        taxExempt: billable.taxExempt,
        overrides: billable.overrides,
      },
      spans,
      trialEndedAt: null,
      usage,
      events,
      late: [],
      discounts: kept.discounts,
      creditBalanceMinor: 0,
      tax: null,
      manualLines: kept.manualLines,
    })
  }
}
