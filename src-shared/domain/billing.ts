import { z } from 'zod'
import type { BreakdownRow, DecimalString } from './pricing'
import type { SubscriptionStatus } from './customers'
import {
  boundText,
  discountValuePattern,
  isFixedWithinBound,
  isPercent,
  LineQuantitySchema,
  PositiveMinorSchema,
  productWithinBound,
  UnitAmountSchema,
} from '../money-bounds'
import { sortSchema } from './list-sort'
import { IdText, SearchText } from './text-bounds'

/**
 * Billing runs, invoices, credit notes, credits and discounts as they cross the contract.
 * Amounts are integer minor units of the invoice's currency; quantities and rates are decimal
 * strings. Instants are ISO 8601 UTC; dates are `YYYY-MM-DD` in the business time zone.
 */

/** `YYYY-MM`: the month (business time zone) in which a subscription's billing period starts. */
export const PeriodKey = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM, e.g. 2026-10')
export type PeriodKey = string

export const invoiceStatuses = ['draft', 'finalized', 'paid', 'void', 'uncollectible'] as const
export type InvoiceStatus = (typeof invoiceStatuses)[number]

export const lineKinds = [
  /** The plan's base fee for the period, prorated where the subscription covers part of it. */
  'base',
  /** A prorated credit for the unused part of a base fee (plan change, cancellation). */
  'proration',
  /** Metered usage (a USAGE feature, or a soft QUOTA's overage). */
  'usage',
  /** Usage that arrived after its period was finalized: the difference it makes, re-priced. */
  'adjustment',
  /** The difference up to the plan's minimum commitment. */
  'minimum',
  /** Added by hand on a draft. */
  'manual',
] as const
export type LineKind = (typeof lineKinds)[number]

export type InvoiceLine = {
  id: number
  position: number
  kind: LineKind
  /** The feature code for usage, overage and adjustment lines. */
  featureCode: string | null
  description: string
  /** Units charged (after included units), as a decimal string; '1' for fees. */
  quantity: DecimalString
  unit: string | null
  /** Price per unit when there is one (flat and single-tier prices); null when tiered. */
  unitAmount: DecimalString | null
  amountMinor: number
  /** The pricing engine's rows: tier, range, units, unit and flat amounts. */
  breakdown: BreakdownRow[]
  periodStart: string
  periodEnd: string
}

/** A discount as applied on one invoice. */
export type InvoiceDiscount = { discountId: number; description: string; amountMinor: number }

export type InvoiceTotals = {
  /** Sum of the lines. */
  subtotalMinor: number
  discountMinor: number
  /** Prepaid credit consumed. */
  creditMinor: number
  taxMinor: number
  /** subtotal − discount − credit + tax, exactly. */
  totalMinor: number
}

export type InvoiceSummary = InvoiceTotals & {
  id: number
  /** Null while a draft: numbers are given at finalization, gapless per series. */
  number: string | null
  status: InvoiceStatus
  customerId: string
  customerName: string
  subscriptionId: number
  currency: string
  period: PeriodKey
  periodStart: string
  periodEnd: string
  /** YYYY-MM-DD, set at finalization from the payment terms. */
  dueDate: string | null
  issuedAt: string | null
  createdAt: string
  updatedAt: string
}

export type Invoice = InvoiceSummary & {
  lines: InvoiceLine[]
  discounts: InvoiceDiscount[]
  tax: { region: string; name: string; ratePercent: DecimalString } | null
  taxExempt: boolean
  /** Why the subscription was billed this way: trial, proration, plan change, cancellation. */
  notes: string[]
  creditNotes: CreditNote[]
  finalizedAt: string | null
  finalizedBy: string | null
  paidAt: string | null
  voidedAt: string | null
  runId: string | null
}

export type CreditNoteLine = { description: string; amountMinor: number }

/**
 * How a credit note's money moves, named for what happens: refunded through Stripe (one refund,
 * only for an invoice Stripe collected), added to the customer's credit balance, or paid back
 * outside Meterbook (a bank transfer, cash: nothing is sent to Stripe).
 */
export const creditNoteSettlements = ['stripe_refund', 'credit_balance', 'paid_outside'] as const
export type CreditNoteSettlement = (typeof creditNoteSettlements)[number]

export type CreditNote = {
  id: number
  number: string
  invoiceId: number
  invoiceNumber: string
  currency: string
  reason: string
  lines: CreditNoteLine[]
  subtotalMinor: number
  taxMinor: number
  totalMinor: number
  /** Where the money goes (see creditNoteSettlements). */
  settlement: CreditNoteSettlement
  createdAt: string
  createdBy: string
}

export const CreditNoteInputSchema = z.strictObject({
  invoiceId: z.int().min(1),
  reason: z.string().trim().min(1, 'must say why').max(1000),
  lines: z
    .array(
      z.strictObject({
        description: z.string().trim().min(1, 'must not be empty').max(500),
        amountMinor: PositiveMinorSchema,
      }),
    )
    .min(1, 'must credit at least one line'),
  // No default: where the money goes is always a person's explicit choice.
  settlement: z.enum(creditNoteSettlements),
})
export type CreditNoteInput = z.input<typeof CreditNoteInputSchema>

export const ManualLineInputSchema = z
  .strictObject({
    invoiceId: z.int().min(1),
    description: z.string().trim().min(1, 'must not be empty').max(500),
    quantity: LineQuantitySchema,
    /** Major units as a decimal string, e.g. "12.50"; negative for a reduction (a credit line). */
    unitAmount: UnitAmountSchema,
  })
  .refine((l) => productWithinBound(l.quantity, l.unitAmount), {
    message: `quantity × unit amount must be at most ${boundText}`,
    path: ['unitAmount'],
  })
export type ManualLineInput = z.input<typeof ManualLineInputSchema>

/** The invoice list's sort fields: issued is the issue date, due the due date, amount the total. */
export const invoiceSortFields = ['number', 'issued', 'due', 'amount', 'status'] as const
export type InvoiceSortField = (typeof invoiceSortFields)[number]

export const InvoiceQuerySchema = z.strictObject({
  status: z.enum(invoiceStatuses).optional(),
  /** Finalized and past its due date (business time zone). */
  overdue: z.boolean().optional(),
  /** Omitted: newest period first, issued invoices by number, then drafts. */
  sort: sortSchema(invoiceSortFields).optional(),
  period: PeriodKey.optional(),
  customer: IdText.optional(),
  /** Matches the number or the customer's id or name. */
  search: SearchText.optional(),
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
})
export type InvoiceQuery = z.input<typeof InvoiceQuerySchema>

export type InvoicePage = {
  invoices: InvoiceSummary[]
  total: number
  /** Totals per currency of every invoice matching the filters (not just this page). */
  totals: Record<string, number>
  /** Invoices per status, and overdue, for the other filters (status and overdue left out). */
  statusCounts: Record<InvoiceStatus | 'overdue', number>
}

// Billing runs

export const billingRunStatuses = ['running', 'completed', 'failed', 'interrupted'] as const
export type BillingRunStatus = (typeof billingRunStatuses)[number]

export type BillingRunTrigger = 'manual' | 'schedule' | 'cli'

export const BillingRunInputSchema = z.strictObject({
  /** Omitted: each subscription's latest ended period not yet invoiced (anchor-based). */
  period: PeriodKey.optional(),
  dryRun: z.boolean().default(false),
})
export type BillingRunInput = z.input<typeof BillingRunInputSchema>

/** What a run did (or, dry, would do) for one subscription. */
export type RunItem = {
  customerId: string
  customerName: string
  subscriptionId: number
  /** The month the period starts in (business time zone); null when there is no period. */
  period: PeriodKey | null
  periodStart: string
  periodEnd: string
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed'
  /** For skipped and failed: why (not due yet, already finalized, the error). */
  reason: string | null
  currency: string
  totalMinor: number
  invoiceId: number | null
}

export type BillingRun = {
  id: string
  /** Null when each subscription's own due period was billed. */
  period: PeriodKey | null
  dryRun: boolean
  status: BillingRunStatus
  trigger: BillingRunTrigger
  operator: string
  startedAt: string
  finishedAt: string | null
  durationMs: number | null
  subscriptions: number
  invoices: number
  created: number
  updated: number
  skipped: number
  failed: number
  /** Per currency, minor units. */
  totals: Record<string, number>
  error: string | null
}

export type BillingRunResult = BillingRun & {
  /** Every subscription's outcome (a dry run's preview); for a stored run, the first 1,000. */
  items: RunItem[]
}

export type BillingRunProgress = {
  runId: string
  done: number
  total: number
  elapsedMs: number
}

// Subscriptions lifecycle

export type SubscriptionTransition = {
  id: number
  subscriptionId: number
  from: SubscriptionStatus | null
  to: SubscriptionStatus
  at: string
  reason: string
  operator: string
}

export const ChangePlanInputSchema = z.strictObject({
  externalId: z.string(),
  planId: z.string().min(1, 'must name a plan'),
  /** Omitted: the version in effect on the change date. */
  planVersion: z.int().min(1).optional(),
  /** Omitted: now. An instant (ISO 8601 with offset). */
  effectiveAt: z.iso.datetime({ offset: true }).optional(),
})
export type ChangePlanInput = z.input<typeof ChangePlanInputSchema>

export const CancelInputSchema = z.strictObject({
  externalId: z.string(),
  /** `period_end`: at the end of the current period; `immediately`: now, with a final invoice. */
  when: z.enum(['period_end', 'immediately']),
  reason: z.string().max(1000).default(''),
})
export type CancelInput = z.input<typeof CancelInputSchema>

export const TransitionInputSchema = z.strictObject({
  externalId: z.string(),
  to: z.enum(['active', 'past_due', 'suspended']),
  reason: z.string().trim().min(1, 'must say why').max(1000),
})
export type TransitionInput = z.input<typeof TransitionInputSchema>

// Credits and discounts

export const creditKinds = ['grant', 'consume', 'expire', 'refund', 'restore'] as const
export type CreditKind = (typeof creditKinds)[number]

export type CreditEntry = {
  id: number
  kind: CreditKind
  currency: string
  /** Signed: grants and restores add, consumption, expiry and refunds subtract. */
  amountMinor: number
  /** The balance after this entry. */
  balanceMinor: number
  expiresAt: string | null
  invoiceId: number | null
  note: string
  at: string
  operator: string
}

export type CreditLedger = {
  currency: string
  balanceMinor: number
  entries: CreditEntry[]
}

export const CreditInputSchema = z.strictObject({
  externalId: z.string(),
  kind: z.enum(['grant', 'refund']),
  amountMinor: PositiveMinorSchema,
  /** YYYY-MM-DD; grants only. Unused credit expires at the end of that day (business time). */
  expiresOn: z.iso.date('must be a date as YYYY-MM-DD').nullable().default(null),
  note: z.string().max(1000).default(''),
})
export type CreditInput = z.input<typeof CreditInputSchema>

export const DiscountInputSchema = z
  .strictObject({
    externalId: z.string(),
    description: z.string().trim().min(1, 'must not be empty').max(200),
    kind: z.enum(['percent', 'fixed']),
    /** percent: a decimal string such as "12.5"; fixed: minor units as a decimal string. */
    value: z.string().regex(discountValuePattern, 'must be a positive number'),
    duration: z.enum(['once', 'repeating', 'forever']),
    /** For `repeating`: how many periods. */
    periods: z.int().min(1).max(1200).nullable().default(null),
    /** YYYY-MM: the first period it applies to. */
    startsWith: PeriodKey,
  })
  .refine((d) => d.duration !== 'repeating' || d.periods !== null, {
    message: 'must be set for a repeating discount',
    path: ['periods'],
  })
  .refine((d) => d.kind !== 'percent' || isPercent(d.value), {
    message: 'must be at most 100 percent',
    path: ['value'],
  })
  .refine((d) => d.kind !== 'fixed' || isFixedWithinBound(d.value), {
    message: `must be at most ${boundText}`,
    path: ['value'],
  })
export type DiscountInput = z.input<typeof DiscountInputSchema>

export type Discount = {
  id: number
  description: string
  kind: 'percent' | 'fixed'
  value: DecimalString
  duration: 'once' | 'repeating' | 'forever'
  periods: number | null
  startsWith: PeriodKey
  /** Periods it has been applied to on invoices so far. */
  applied: number
  active: boolean
  createdAt: string
}

// Dashboard

export type Dashboard = {
  /** Monthly recurring revenue per currency: base fees of live subscriptions, per month. */
  mrr: Record<string, number>
  /** Finalized (and later) invoice totals per period and currency, the last 12 periods. */
  revenueByMonth: { period: PeriodKey; currency: string; totalMinor: number }[]
  invoicesByStatus: { status: InvoiceStatus; count: number }[]
  /** Usage charges of the latest billed period, top 10. */
  topCustomers: { customerId: string; name: string; currency: string; usageMinor: number }[]
  subscriptionsByStatus: { status: SubscriptionStatus; count: number }[]
  /** The money tiles, one entry per currency (never mixed), sorted by currency code. */
  money: MoneyTiles[]
  /** The latest audit entries in words, newest first. */
  activity: ActivityItem[]
}

/** One currency's receivables and recurring revenue, in minor units. */
export type MoneyTiles = {
  currency: string
  /** Finalized, unpaid invoices: total less credit notes and amounts Stripe collected. */
  owedMinor: number
  owedInvoices: number
  /** The part of `owedMinor` whose due date has passed (business time zone). */
  overdueMinor: number
  overdueInvoices: number
  /** Payments received this month in the business time zone. */
  collectedMinor: number
  collectedPayments: number
  /** Amounts of open payment failures in the retry queue. */
  atRiskMinor: number
  atRiskFailures: number
  /** Base fees of live subscriptions per month (`mrr` above). */
  mrrBaseMinor: number
  /** Usage charges per billed period, averaged over `usagePeriods`. */
  usageAverageMinor: number
  /** The billed periods averaged (up to the last 3), oldest first. */
  usagePeriods: PeriodKey[]
  /** `mrrBaseMinor + usageAverageMinor`. */
  mrrMinor: number
}

/** Where an activity entry leads in the app. */
export type ActivityTarget =
  | { page: 'invoice'; id: number }
  | { page: 'customer'; externalId: string }
  | { page: 'plan'; id: string }
  | { page: 'billing-run'; id: string }
  | { page: 'retries' }
  | { page: 'usage' }
  | { page: 'settings' }
  | { page: 'audit'; entityType: string; entityId: string }

/** One audit entry as a sentence. */
export type ActivityItem = {
  id: number
  at: string
  operator: string
  text: string
  target: ActivityTarget
}
