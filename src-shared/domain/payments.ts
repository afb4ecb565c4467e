import { z } from 'zod'
import { PeriodKey } from './billing'
import type { JsonValue } from './json'
import { sortSchema } from './list-sort'

/**
 * Payments through the provider (Stripe), the outbox that carries them, and the retry queue of
 * failed operations, as they cross the contract. Amounts are integer minor units; instants are
 * ISO 8601 UTC.
 */

/** What the outbox sends, in order per customer. */
export const outboxOperations = [
  /** Create or update the customer's Stripe customer. */
  'customer.sync',
  /** A finalized invoice: its lines as invoice items, then the invoice, finalized in Stripe. */
  'invoice.push',
  /** Charge the pushed invoice to the customer's default payment method. */
  'invoice.collect',
  /** Mark the Stripe invoice paid out of band: it was settled here another way. */
  'invoice.settle',
  /** Void the Stripe invoice of an invoice voided here. */
  'invoice.void',
  /** Mark the Stripe invoice uncollectible: written off here, so Stripe stops collecting it. */
  'invoice.uncollectible',
  /** Refund (part of) a paid invoice: a credit note issued on it. */
  'refund.create',
] as const
export type OutboxOperation = (typeof outboxOperations)[number]

/** A failure is of an outbox operation, of polling Stripe's events, or of an internal step. */
export const failureOperations = [...outboxOperations, 'events.sync', 'internal'] as const
export type FailureOperation = (typeof failureOperations)[number]

export const outboxStatuses = ['pending', 'sending', 'sent', 'failed', 'canceled'] as const
export type OutboxStatus = (typeof outboxStatuses)[number]

export type OutboxEntry = {
  id: number
  operation: OutboxOperation
  customerId: string
  customerName: string
  invoiceId: number | null
  invoiceNumber: string | null
  creditNoteId: number | null
  amountMinor: number | null
  currency: string | null
  /** Derived from our own ids and the operation: a retry can never do the work twice. */
  idempotencyKey: string
  status: OutboxStatus
  attempts: number
  nextAttemptAt: string | null
  createdAt: string
  sentAt: string | null
  /** The open (or last) failure record of this operation, if it ever failed. */
  failureId: number | null
}

export const retryStrategies = ['exponential', 'immediate', 'fixed', 'manual'] as const
export type RetryStrategy = (typeof retryStrategies)[number]

export const failureStatuses = ['open', 'resolved', 'written_off'] as const
export type FailureStatus = (typeof failureStatuses)[number]

/** One try of a failed operation, failed or (the last one, when it worked) succeeded. */
export type Attempt = {
  number: number
  at: string
  outcome: 'failed' | 'succeeded'
  /** Stripe's error type (`card_error`, `api_error`, `rate_limit_error`, `connection_error`...). */
  errorType: string | null
  code: string | null
  declineCode: string | null
  requestId: string | null
  httpStatus: number | null
  message: string | null
  /** The strategy in force after this attempt, and when it planned the next one. */
  strategy: RetryStrategy
  nextAttemptAt: string | null
  operator: string
}

export type Failure = {
  id: number
  operation: FailureOperation
  outboxId: number | null
  customerId: string | null
  customerName: string | null
  invoiceId: number | null
  invoiceNumber: string | null
  amountMinor: number | null
  currency: string | null
  errorType: string
  code: string | null
  declineCode: string | null
  requestId: string | null
  message: string
  strategy: RetryStrategy
  attempts: number
  maxAttempts: number
  nextAttemptAt: string | null
  snoozedUntil: string | null
  status: FailureStatus
  createdAt: string
  updatedAt: string
  resolvedAt: string | null
  resolvedBy: string | null
  resolutionNote: string | null
}

export type FailureDetail = Failure & {
  history: Attempt[]
  /** What the operation was doing: its inputs and the ids it had reached. */
  context: JsonValue
}

export type MoneyAtRisk = { currency: string; amountMinor: number }

/** The retry queue's sort fields: when it failed, its amount, attempts made, next attempt. */
export const failureSortFields = ['created', 'amount', 'attempts', 'nextAttempt'] as const
export type FailureSortField = (typeof failureSortFields)[number]

export const FailureQuerySchema = z.strictObject({
  status: z.enum([...failureStatuses, 'all']).default('open'),
  /** Omitted: newest first. */
  sort: sortSchema(failureSortFields).optional(),
  strategy: z.enum(retryStrategies).optional(),
  errorType: z.string().max(100).optional(),
  /** Customer external id or name, partial match. */
  customer: z.string().max(200).optional(),
  /** Only failures at least this many hours old. */
  minAgeHours: z.int().min(0).max(100_000).optional(),
  /** Only failures of at least this amount (minor units of their currency). */
  minAmountMinor: z.int().min(0).optional(),
  /** Only failures in this currency: with it, the minimum amount compares like with like. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'must be a currency code such as USD' })
    .optional(),
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
})
export type FailureQuery = z.input<typeof FailureQuerySchema>

export type FailurePage = {
  failures: Failure[]
  total: number
  /** The amount at risk of the failures matching the filters, per currency. */
  atRisk: MoneyAtRisk[]
}

export const FailureActionSchema = z.discriminatedUnion('kind', [
  /** Attempt at the next processing, also a manual or snoozed record. */
  z.strictObject({ kind: z.literal('retry-now') }),
  z.strictObject({ kind: z.literal('change-strategy'), strategy: z.enum(retryStrategies) }),
  z.strictObject({
    kind: z.literal('snooze'),
    until: z.iso.datetime({ offset: true }),
  }),
  /** Settled some other way (e.g. paid by bank transfer): the note says how. */
  z.strictObject({
    kind: z.literal('resolve'),
    note: z.string().trim().min(1, 'say how it was resolved').max(1000),
  }),
  /** Give up: the invoice becomes uncollectible. */
  z.strictObject({
    kind: z.literal('write-off'),
    note: z.string().trim().min(1, 'say why it is written off').max(1000),
  }),
])
export type FailureAction = z.infer<typeof FailureActionSchema>

export const FailureActInputSchema = z.strictObject({
  ids: z.array(z.int()).min(1, 'choose at least one failure').max(1000),
  action: FailureActionSchema,
})
export type FailureActInput = z.infer<typeof FailureActInputSchema>

export type FailureActResult = {
  updated: Failure[]
  /** Records the action does not apply to (already resolved...), each with why. */
  skipped: { id: number; reason: string }[]
}

/** The failed-payments report: unresolved failures grouped by error type. */
export type FailureReportGroup = {
  errorType: string
  count: number
  oldest: string
  /** Average attempts, as a decimal string with one decimal. */
  averageAttempts: string
  atRisk: MoneyAtRisk[]
}
export type FailureReport = { generatedAt: string; groups: FailureReportGroup[] }

/** For the badge: how many failures wait, and whether that passes the alert threshold. */
export type FailureSummary = {
  unresolved: number
  manual: number
  threshold: number
  atRisk: MoneyAtRisk[]
}

/** One processing pass over the outbox and the due retries. */
export type ProcessResult = {
  attempted: number
  succeeded: number
  failed: number
  /** Failures that ran out of attempts (or cannot be retried) and now wait for a person. */
  movedToManual: number
  /** True when Stripe could not be reached: the pass stopped and the rest waits. */
  offline: boolean
  /** True when Stripe asked to slow down for longer than a pass waits: the rest waits. */
  rateLimited: boolean
  /** Operations still waiting after the pass. */
  remaining: number
  /**
   * Set when Stripe refused the key: the outbox is paused as a whole (nothing counted as a
   * failed attempt) until the key changes; the message says so.
   */
  keyRefused: string | null
}

export type SyncResult = {
  /** Events read from Stripe in this pass. */
  fetched: number
  /** Events applied now (each exactly once). */
  applied: number
  /** Events seen before, or of a type that changes nothing here. */
  skipped: number
}

export type PushResult = {
  /** Invoices newly queued for push and collection. */
  queued: number
  /** Invoices already in the outbox (queuing is idempotent). */
  alreadyQueued: number
}

export type PaymentsStatus = {
  /** A key is available (stored, or from the environment). */
  configured: boolean
  /** Where the key comes from; the key itself never leaves main. */
  keySource: 'stored' | 'session' | 'environment' | null
  /** The key's kind and last four characters, e.g. `sk_test_…4242`. */
  keyHint: string | null
  /** Whether this host stores the key encrypted by the operating system. */
  canStoreKey: boolean
  /** Set when the SDK is pointed at another endpoint than Stripe's (tests, mock servers). */
  apiBase: string | null
  lastSyncAt: string | null
  lastSyncError: string | null
  outbox: { pending: number; failed: number; sent: number }
  /** The outbox waits for a new key: Stripe refused the current one. */
  keyPause: KeyPause | null
}

/** Stripe refused a key (HTTP 401): nothing is sent until the key changes. */
export type KeyPause = { keyHint: string; since: string; message: string }

export type ConnectionTest = { ok: boolean; message: string; livemode: boolean | null }

/** The Stripe side of one invoice, as last seen. */
export type InvoicePayment = {
  invoiceId: number
  stripeInvoiceId: string | null
  stripeStatus: string | null
  amountPaidMinor: number
  amountRefundedMinor: number
  /** Stripe charged it (a payment Stripe can refund), not only marked it paid out of band. */
  collectedThroughStripe: boolean
  disputed: boolean
  updatedAt: string
  outbox: OutboxEntry[]
}

export const PushInputSchema = z
  .strictObject({
    period: PeriodKey.optional(),
    invoiceIds: z.array(z.int()).min(1).max(10_000).optional(),
  })
  .refine(
    (input) => (input.period === undefined) !== (input.invoiceIds === undefined),
    'give either a period or invoice ids',
  )
export type PushInput = z.input<typeof PushInputSchema>

export const OutboxQuerySchema = z.strictObject({
  status: z.enum(outboxStatuses).optional(),
  invoiceId: z.int().optional(),
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
})
export type OutboxQuery = z.input<typeof OutboxQuerySchema>

/** Stripe secret (`sk_`) or restricted (`rk_`) keys, live or test. */
export const StripeKeySchema = z
  .string()
  .trim()
  .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/, 'must be a Stripe secret or restricted key')
