import type Database from 'better-sqlite3'
import type { RunItem } from '../../src-shared/domain/billing'
import type { Settings } from '../../src-shared/domain/settings'
import { applicableDiscounts } from '../credits/discounts'
import { availableCredit } from '../credits/credit-ledger'
import { readSettingsNow } from '../settings/settings-service'
import { computeInvoice } from './compute'
import type { BillingInput, ComputedInvoice, TaxRate } from './compute/types'
import { writePlanned } from './batch-write'
import { DraftStore, draftRowsOf, fingerprintOf, type DraftToWrite } from './draft-store'
import { lateUsageFor } from './late-usage'
import type { PeriodChoice } from './period-choice'
import { PlanBook } from './plan-book'
import { spansFor, type BillableSubscription, type CustomerRange } from './subscriptions'
import { UsageSource, otherAggregations, perEventMetrics, type SumsPart } from './usage-source'

type Due = Extract<PeriodChoice, { due: true }>
type Window = Due['window']

/** A subscription's outcome before anything is written, with the draft to write if any. */
export type Planned = {
  item: RunItem
  draft?: DraftToWrite
}

/** A batch as its writer takes it: the run items, and each one's draft (if any) by position. */
export const toWrite = (
  planned: Planned[],
): { items: RunItem[]; drafts: (DraftToWrite | null)[] } => ({
  items: planned.map((p) => p.item),
  drafts: planned.map((p) => p.draft ?? null),
})

/** Customer ids that have any rows of a kind: most have none, and then need no query at all. */
const customersWith = (db: Database.Database, sql: string): Set<number> =>
  new Set(db.prepare<[], number>(sql).pluck().all())

/** The region's own rate, else the default rate (a catalog document's `tax.defaultRate`). */
const taxRateFor = (settings: Settings, region: string): TaxRate | null =>
  settings.taxRates.find((r) => r.region === region) ??
  (settings.defaultTaxRatePercent === null
    ? null
    : { region, name: 'Tax', ratePercent: settings.defaultTaxRatePercent })

/**
 * Why a subscription cannot be billed yet: its plan is priced per customer (`customContract`)
 * and the customer has no contract terms. Billing it at the plan's zero prices would hide that.
 */
export const contractMissing = (
  terms: { customContract?: boolean } | undefined,
  overrides: readonly unknown[],
): string | null =>
  terms?.customContract === true && overrides.length === 0
    ? 'needs a contract: the plan is priced per customer (customContract) and this customer has no contract terms (overrides) yet'
    : null

/**
 * Bills subscriptions: gathers each one's inputs, computes the invoice (a pure function) and
 * writes it as a draft unless it is already finalized. One Biller serves a whole run, holding
 * what every subscription shares: the plan book, the settings, prepared statements and usage
 * prefetched for common periods.
 */
export class Biller {
  readonly db: Database.Database
  readonly settings: Settings
  readonly book: PlanBook
  readonly #store: DraftStore
  readonly #usage: UsageSource
  readonly #late: Set<number>
  readonly #discounts: Set<number>
  readonly #credits: Set<number>
  readonly #options: { now: Date; runId: string | null; dryRun: boolean }

  constructor(
    db: Database.Database,
    options: { now: Date; runId: string | null; dryRun: boolean },
  ) {
    this.db = db
    this.#options = options
    this.settings = readSettingsNow(db)
    this.book = new PlanBook(db)
    this.#store = new DraftStore(db)
    this.#usage = new UsageSource(db)
    this.#late = customersWith(db, 'SELECT DISTINCT customer_id FROM usage_event WHERE late = 1')
    this.#discounts = customersWith(
      db,
      'SELECT DISTINCT customer_id FROM discount WHERE active = 1',
    )
    this.#credits = customersWith(db, 'SELECT DISTINCT customer_id FROM credit_entry')
  }

  get timeZone(): string {
    return this.settings.businessTimeZone
  }

  /**
   * Starts a range of customers whose usage comes by batch (run.ts): reads their periods'
   * existing invoices at once, lets go of the range before's sums, and answers which usage
   * windows their periods share, for `provide` to be given each batch's sums.
   */
  startRange(choices: PeriodChoice[], customers: CustomerRange): Window[] {
    const due = choices.filter((c): c is Due => c.due)
    this.#store.prefetch(
      due.map((c) => c.period.key),
      customers,
    )
    this.#usage.forget()
    return this.#usage.sharedWindows(due.map((c) => c.window))
  }

  /** One window's sums for a range of customers, read on this connection. */
  readSums(window: Window, customers: CustomerRange): SumsPart {
    return this.#usage.read(window, customers)
  }

  /** Sums read on this connection or another, for `plan` to answer from. */
  provide(part: SumsPart): void {
    this.#usage.provide(part)
  }

  /** Computes and writes one subscription's invoice: `plan`, then `write`. */
  bill(sub: BillableSubscription, choice: PeriodChoice): RunItem {
    const planned = this.plan(sub, choice)
    return this.write([planned])[0] ?? planned.item
  }

  /**
   * Everything up to the write: why the subscription is skipped, or its invoice computed in full.
   * Nothing is written, so a failure here leaves the ledger as it was.
   */
  plan(sub: BillableSubscription, choice: PeriodChoice): Planned {
    const item: RunItem = {
      customerId: sub.externalId,
      customerName: sub.name,
      subscriptionId: sub.id,
      period: choice.period?.key ?? null,
      periodStart: choice.period?.start.toISOString() ?? '',
      periodEnd: choice.period?.end.toISOString() ?? '',
      outcome: 'skipped',
      reason: null,
      currency: sub.currency,
      totalMinor: 0,
      invoiceId: null,
    }
    if (!choice.due) return { item: { ...item, reason: choice.reason } }
    const existing = this.#store.find(sub.id, choice.period)
    if (existing && existing.status !== 'draft') {
      const reason = `already ${existing.status} (${existing.number ?? ''})`
      return { item: { ...item, reason, invoiceId: existing.id } }
    }
    const input = this.#inputFor(sub, choice, existing?.id ?? null)
    const missing = contractMissing(input.spans.at(-1)?.terms, sub.overrides)
    if (missing) return { item: { ...item, reason: missing } }
    const computed = computeInvoice(input)
    const rows = draftRowsOf(input, computed)
    const fingerprint = fingerprintOf(rows)
    const planned = {
      ...item,
      currency: input.customer.currency,
      totalMinor: computed.totals.totalMinor,
      invoiceId: existing?.id ?? null,
    }
    // A draft whose digest is the same stays as it is: nothing to write.
    if (existing?.fingerprint === fingerprint) return { item: { ...planned, outcome: 'unchanged' } }
    return {
      item: { ...planned, outcome: existing ? 'updated' : 'created' },
      draft: { sub: { id: sub.id, customerId: sub.customerId }, rows, fingerprint, existing },
    }
  }

  /**
   * The invoice a period would get, computed from what the ledger holds now and not written (the
   * customer page's upcoming-invoice estimate): the very inputs and computation a run uses.
   * A string when the subscription cannot be billed (no contract terms yet).
   */
  estimate(
    sub: BillableSubscription,
    choice: Due,
  ): { input: BillingInput; invoice: ComputedInvoice } | string {
    const existing = this.#store.find(sub.id, choice.period)
    const input = this.#inputFor(sub, choice, existing?.status === 'draft' ? existing.id : null)
    const missing = contractMissing(input.spans.at(-1)?.terms, sub.overrides)
    return missing ?? { input, invoice: computeInvoice(input) }
  }

  /** Writes planned drafts (a dry run writes nothing and reports what it would do). */
  write(planned: Planned[]): RunItem[] {
    const batch = toWrite(planned)
    return this.#options.dryRun ? batch.items : writePlanned(this.#store, batch, this.#options)
  }

  #inputFor(sub: BillableSubscription, choice: Due, invoiceId: number | null): BillingInput {
    const { period, window } = choice
    const spans = spansFor(sub, window, this.book)
    // The plan's prices are in its currency: the invoice is too.
    const currency = spans.at(-1)?.terms.currency ?? sub.currency
    const trialEnded =
      sub.trialEnd !== null &&
      sub.trialEnd > sub.startDate &&
      window.from.getTime() > period.start.getTime()
    return {
      period,
      timeZone: this.timeZone,
      customer: {
        externalId: sub.externalId,
        name: sub.name,
        currency,
        taxRegion: sub.taxRegion,
        taxExempt: sub.taxExempt || this.settings.taxExemptRegions.includes(sub.taxRegion),
        overrides: sub.overrides,
      },
      spans,
      trialEndedAt: trialEnded ? window.from : null,
      usage: this.#usage.quantities(
        sub.customerId,
        window,
        period.end.getTime() - period.start.getTime(),
        otherAggregations(spans),
      ),
      events: this.#usage.events(sub.customerId, window, perEventMetrics(spans, sub.overrides)),
      late: this.#late.has(sub.customerId)
        ? lateUsageFor(this.db, sub, this.book, this.timeZone, period.start)
        : [],
      discounts: this.#discounts.has(sub.customerId)
        ? applicableDiscounts(this.db, sub.customerId, period.key, invoiceId)
        : [],
      creditBalanceMinor: this.#credits.has(sub.customerId)
        ? availableCredit(this.db, sub.customerId, currency, this.#options.now)
        : 0,
      tax: taxRateFor(this.settings, sub.taxRegion),
      manualLines: invoiceId === null ? [] : this.#store.manualLines(invoiceId),
    }
  }
}
