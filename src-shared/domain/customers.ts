import { z } from 'zod'
import type { FeatureOverride } from './catalog'
import type { Entitlement } from './entitlements'
import { sortSchema } from './list-sort'
import { IdText, SearchText } from './text-bounds'

export const subscriptionStatuses = [
  'trialing',
  'active',
  'past_due',
  'suspended',
  'canceled',
] as const
export type SubscriptionStatus = (typeof subscriptionStatuses)[number]

/**
 * The customer list's sort fields; plan and status are those of the customer's subscription.
 * `mrr` and `balance` (CustomerMoney) order by the customer's currency first, always A to Z,
 * then by the amount in the direction asked: amounts are never compared across currencies.
 */
export const customerSortFields = [
  'name',
  'externalId',
  'plan',
  'status',
  'mrr',
  'balance',
] as const
export type CustomerSortField = (typeof customerSortFields)[number]

export const CustomerListQuerySchema = z.strictObject({
  /** Matches the external id, the name or the email. */
  search: SearchText.optional(),
  /** A plan id: the customers subscribed to it. */
  plan: IdText.optional(),
  status: z.enum(subscriptionStatuses).optional(),
  /** Omitted: by name. */
  sort: sortSchema(customerSortFields).optional(),
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
})
export type CustomerListQuery = z.input<typeof CustomerListQuerySchema>

/** A customer's subscription to one plan version (kept until migrated: grandfathering). */
export type Subscription = {
  id: number
  planId: string
  planVersion: number
  /** YYYY-MM-DD */
  startDate: string
  billingAnchorDay: number
  trialEnd: string | null
  status: SubscriptionStatus
  /** End of the last period whose invoice is finalized; usage before it is late. */
  billedThrough: string | null
}

export type Customer = {
  id: number
  /** The id the business knows the customer by; usage events name customers by it. */
  externalId: string
  name: string
  email: string
  /** Where invoices and reminders are emailed, apart from the contact email; empty: none are. */
  billingEmail: string
  currency: string
  billingAddress: string
  taxRegion: string
  taxExempt: boolean
  notes: string
  /** Custom contract terms per feature: they win over the plan. */
  overrides: FeatureOverride[]
  createdAt: string
  updatedAt: string
  subscription: Subscription | null
}

/**
 * A customer's money figures in their currency, integer minor units, as the dashboard computes
 * them: MRR (live base fee per month + average usage charges of the latest billed periods) and
 * balance (what their finalized invoices still ask for).
 */
export type CustomerMoney = { mrrMinor: number; balanceMinor: number }

export type CustomerSummary = Pick<
  Customer,
  'id' | 'externalId' | 'name' | 'email' | 'currency' | 'taxRegion'
> & {
  planId: string | null
  planVersion: number | null
  status: SubscriptionStatus | null
} & CustomerMoney

const IsoDate = z.iso.date('must be a date as YYYY-MM-DD')

export const SubscriptionInputSchema = z.strictObject({
  planId: z.string().min(1, 'must name a plan'),
  /** Omitted: the version the customer is already on, else the one in effect today. */
  planVersion: z.int().min(1).optional(),
  startDate: IsoDate,
  /** Omitted: the start date's day of the month. */
  billingAnchorDay: z.int().min(1, 'must be 1 to 31').max(31, 'must be 1 to 31').optional(),
  trialEnd: IsoDate.nullable().optional(),
})
export type SubscriptionInput = z.input<typeof SubscriptionInputSchema>

/** Create or update (by external id) a customer, with their subscription. */
export const CustomerInputSchema = z.strictObject({
  externalId: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200)
    .regex(/^[^\s,;]+$/, 'must not contain spaces, commas or semicolons'),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  email: z.union([z.literal(''), z.email('must be a valid email address')]).optional(),
  billingEmail: z.union([z.literal(''), z.email('must be a valid email address')]).optional(),
  /** Omitted: the plan's currency. */
  currency: z.string().optional(),
  billingAddress: z.string().max(2000).optional(),
  taxRegion: z.string().max(64).optional(),
  taxExempt: z.boolean().optional(),
  notes: z.string().max(10_000).optional(),
  overrides: z
    .array(z.custom<FeatureOverride>((v) => typeof v === 'object' && v !== null))
    .optional(),
  subscription: SubscriptionInputSchema.optional(),
})
export type CustomerInput = z.input<typeof CustomerInputSchema>

export type CustomerMeters = {
  period: { start: string; end: string }
  meters: Entitlement[]
}

/** One rejected row of an import: where, what, and why. Nothing is lost: `raw` is the row. */
export type RejectedRow = {
  rowNumber: number
  column: string | null
  value: string | null
  reason: string
  raw: string
}

export type CustomerImportResult = {
  read: number
  created: number
  updated: number
  /** Rows that matched the customer as stored: nothing written, nothing audited. */
  unchanged: number
  rejected: number
  rejects: RejectedRow[]
}
