import type { FeatureOverride, PlanFeature, PlanTerms } from '../../../src-shared/domain/catalog'
import type {
  InvoiceDiscount,
  InvoiceLine,
  InvoiceTotals,
} from '../../../src-shared/domain/billing'
import type { DecimalString } from '../../../src-shared/domain/pricing'

/**
 * What the invoice calculation takes and gives. It is pure: the billing run gathers these inputs
 * from the ledger (usage already summed, discounts already chosen, the credit balance already
 * known) and writes the result; the calculation reads no clock and no database.
 */

// The period maths sits beneath every stage (customers' meters use it too): see calendar/periods.
import type { BillingPeriod } from '../../calendar/periods'
import type { ApplicableDiscount } from '../../credits/discounts'

export type { ApplicableDiscount, BillingPeriod }

/** One plan version over part of the period: a plan change splits the period in two spans. */
export type PlanSpan = {
  planId: string
  planName: string
  version: number
  terms: PlanTerms
  from: Date
  to: Date
}

/** Usage of an earlier, finalized period that grew after it was invoiced (late events). */
export type LateUsage = {
  period: BillingPeriod
  feature: PlanFeature
  /** The plan's rounding rule and currency then. */
  terms: Pick<PlanTerms, 'currency' | 'rounding'>
  override: FeatureOverride | undefined
  /** Everything now stored for that period and metric, late events included. */
  totalQuantity: DecimalString
  /** What finalized invoices have billed for it so far (the usage line and earlier adjustments). */
  billedQuantity: DecimalString
  billedAmountMinor: number
  /** The period's event values in order, when the feature is priced by percentage (sums only). */
  events?: DecimalString[]
}

export type TaxRate = { region: string; name: string; ratePercent: DecimalString }

export type BillingInput = {
  period: BillingPeriod
  /** The business time zone: day counts for proration are calendar days there. */
  timeZone: string
  customer: {
    externalId: string
    name: string
    currency: string
    taxRegion: string
    taxExempt: boolean
    overrides: FeatureOverride[]
  }
  /**
   * The plan versions in force, in order, covering exactly the billable part of the period:
   * from the later of the period start, the subscription start and the trial end, to the earlier
   * of the period end and the cancellation. Empty when nothing is billable (a whole period in
   * trial): the invoice then has no lines and totals zero (kept, as zero invoices are).
   */
  spans: PlanSpan[]
  /** A trial that ended inside this period (for the note on the invoice), else null. */
  trialEndedAt: Date | null
  /** Usage summed over the billable part, per metric code (features without usage: absent). */
  usage: Record<string, DecimalString>
  /**
   * Each event's value in time order, per metric, for the features priced by percentage (a sum
   * priced event by event); absent for every other metric.
   */
  events?: Record<string, DecimalString[]>
  late: LateUsage[]
  discounts: ApplicableDiscount[]
  /** Prepaid credit available in the invoice's currency. */
  creditBalanceMinor: number
  /** The rate of the customer's region, or null when none is set (then no tax, with a note). */
  tax: TaxRate | null
  /**
   * Lines added by hand on the draft being recomputed: kept as they are (after the computed
   * lines), counted in the subtotal and so in discounts, tax and credit, but not in the minimum
   * commitment. Empty for a new invoice.
   */
  manualLines: ComputedLine[]
}

export type ComputedLine = Omit<InvoiceLine, 'id' | 'position'>

export type ComputedInvoice = {
  lines: ComputedLine[]
  discounts: InvoiceDiscount[]
  totals: InvoiceTotals
  tax: TaxRate | null
  notes: string[]
}
