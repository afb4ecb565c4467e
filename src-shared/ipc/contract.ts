import { z } from 'zod'
import {
  AlertAcknowledgeSchema,
  AlertQuerySchema,
  type AlertAcknowledge,
  type AlertPage,
  type AlertQuery,
  type AlertsFired,
  type UsageAlert,
} from '../domain/alerts'
import {
  AuditQuerySchema,
  type AuditFacets,
  type AuditPage,
  type AuditQuery,
} from '../domain/audit'
import type {
  CatalogImportResult,
  DocumentFormat,
  Plan,
  PlanSummary,
  PlanTerms,
} from '../domain/catalog'
import {
  CurveInputSchema,
  IsoDate,
  PlanId,
  PlanTermsEnvelope,
  QuoteInputSchema,
} from '../domain/catalog-inputs'
import {
  CustomerInputSchema,
  CustomerListQuerySchema,
  type Customer,
  type CustomerImportResult,
  type CustomerInput,
  type CustomerListQuery,
  type CustomerMeters,
  type CustomerSummary,
  type RejectedRow,
} from '../domain/customers'
import {
  FinalizeCheckInputSchema,
  type FinalizeCheckInput,
  type FinalizeWarning,
} from '../domain/documents'
import {
  PaymentListQuerySchema,
  type PaymentListPage,
  type PaymentListQuery,
} from '../domain/payment-list'
import type { DecimalString, Quote, QuoteInput } from '../domain/pricing'
import type { CustomerReceivables, UpcomingInvoice } from '../domain/upcoming-invoice'
import {
  UsageImportBeginSchema,
  UsagePreviewSchema,
  UsageFilterSchema,
  UsageQuerySchema,
  UsageSeriesQuerySchema,
  type ColumnMapping,
  type ImportProgress,
  type UsageEvent,
  type UsageImport,
  type UsageImportBegin,
  type UsagePreview,
  type UsagePreviewInput,
  type UsageQuery,
  type UsageSeriesPoint,
  type UsageFilter,
  type UsageSeriesQuery,
  type UsageTotal,
} from '../domain/usage'
import {
  AgedQuerySchema,
  ReportFileQuerySchema,
  UsageBillingQuerySchema,
  type AgedQuery,
  type AgedReceivablesReport,
  type ReportFile,
  type ReportFileQuery,
  type UsageBillingQuery,
  type UsageBillingReport,
} from '../domain/reports'
import {
  BillingRunInputSchema,
  CancelInputSchema,
  ChangePlanInputSchema,
  CreditInputSchema,
  CreditNoteInputSchema,
  DiscountInputSchema,
  InvoiceQuerySchema,
  ManualLineInputSchema,
  PeriodKey,
  TransitionInputSchema,
  invoiceStatuses,
  type BillingRun,
  type BillingRunInput,
  type BillingRunProgress,
  type BillingRunResult,
  type CancelInput,
  type ChangePlanInput,
  type CreditInput,
  type CreditLedger,
  type CreditNoteInput,
  type Dashboard,
  type Discount,
  type DiscountInput,
  type Invoice,
  type InvoicePage,
  type InvoiceQuery,
  type InvoiceStatus,
  type ManualLineInput,
  type SubscriptionTransition,
  type TransitionInput,
} from '../domain/billing'
import {
  FailureActInputSchema,
  FailureQuerySchema,
  OutboxQuerySchema,
  PushInputSchema,
  StripeKeySchema,
  type ConnectionTest,
  type FailureActInput,
  type FailureActResult,
  type FailureDetail,
  type FailurePage,
  type FailureQuery,
  type FailureReport,
  type FailureSummary,
  type InvoicePayment,
  type OutboxEntry,
  type OutboxQuery,
  type PaymentsStatus,
  type ProcessResult,
  type PushInput,
  type PushResult,
  type SyncResult,
} from '../domain/payments'
import {
  MoveSubscribersInputSchema,
  type MovePreview,
  type MoveResult,
  type MoveSubscribersInput,
} from '../domain/plan-moves'
import { WhatIfInputSchema, type WhatIf, type WhatIfInput } from '../domain/what-if'
import {
  FirstAdminSchema,
  NewOperatorSchema,
  OperatorNameSchema,
  PasswordSchema,
  RoleSchema,
  type FirstAdmin,
  type NewOperator,
  type Operator,
  type Role,
  type Whoami,
} from '../domain/operators'
import {
  DisputeListQuerySchema,
  DisputeOpenInputSchema,
  DisputeResolveInputSchema,
  DisputeReviewInputSchema,
  type DisputeDetail,
  type DisputeListQuery,
  type DisputeOpenInput,
  type DisputePage,
  type DisputeResolveInput,
  type DisputeReviewInput,
} from '../domain/disputes'
import { SettingsPatchSchema, type Settings, type SettingsPatch } from '../domain/settings'
import type { AppInfo, HealthReport } from '../domain/system'
import {
  CouponCode,
  CouponInputSchema,
  CouponRedeemSchema,
  type Coupon,
  type CouponDetail,
  type CouponInput,
  type CouponRedeemInput,
  type CouponRedemption,
} from '../domain/coupons'
import { FileNameText, IdText, ReasonText } from '../domain/text-bounds'
import {
  MailOutboxQuerySchema,
  type InvoiceMailLog,
  type MailOutboxQuery,
  type MailPassResult,
  type MailSend,
  type MailSendStatus,
  type MailStatus,
} from '../domain/mail'
import type { Result } from './result'

const noInput = z.strictObject({})
type NoInput = z.input<typeof noInput>

/**
 * The whole contract between the renderer and main: one channel per operation, `area:verb`,
 * every handler taking one input object. Hosts (Electron IPC, loopback HTTP, CLI) carry exactly
 * this map and nothing else.
 */
export type Api = {
  'system:info': (input: NoInput) => AppInfo
  'system:health': (input: NoInput) => HealthReport
  'audit:list': (input: AuditQuery) => AuditPage
  'audit:facets': (input: NoInput) => AuditFacets
  'settings:get': (input: NoInput) => Settings
  'settings:update': (input: SettingsPatch) => Settings
  'catalog:list-plans': (input: NoInput) => PlanSummary[]
  'catalog:get-plan': (input: { id: string }) => Plan
  'catalog:create-plan': (input: { id: string; name: string; terms: PlanTerms }) => Plan
  'catalog:save-draft': (input: { id: string; name?: string; terms: PlanTerms }) => Plan
  'catalog:discard-draft': (input: { id: string }) => Plan
  'catalog:publish': (input: { id: string; effectiveFrom: string }) => Plan
  'catalog:import': (input: { text: string; fileName?: string }) => CatalogImportResult
  'catalog:export': (input: { format: DocumentFormat }) => { text: string; fileName: string }
  'pricing:quote': (input: QuoteInput) => Quote
  'pricing:curve': (input: CurveInput) => { quantity: DecimalString; amount_minor: number }[]
  'customers:list': (input: CustomerListQuery) => {
    customers: CustomerSummary[]
    total: number
  }
  'customers:get': (input: { externalId: string }) => Customer
  'customers:meters': (input: { externalId: string; at?: string }) => CustomerMeters
  'customers:save': (input: CustomerInput) => Customer
  'customers:import': (input: { text: string; fileName?: string }) => CustomerImportResult
  'usage:mapping-for': (input: { headers: string[] }) => ColumnMapping | null
  'usage:preview': (input: UsagePreviewInput) => UsagePreview
  'usage:import-begin': (input: UsageImportBegin) => UsageImport
  'usage:import-chunk': (input: { importId: string; text: string; last: boolean }) => ImportProgress
  'usage:import-cancel': (input: { importId: string }) => UsageImport
  'usage:imports': (input: { limit?: number; offset?: number }) => {
    imports: UsageImport[]
    total: number
  }
  'usage:import-get': (input: { importId: string }) => UsageImport
  'usage:rejects': (input: { importId: string; limit?: number; offset?: number }) => {
    rows: RejectedRow[]
    total: number
  }
  'usage:rejects-csv': (input: { importId: string }) => { text: string; fileName: string }
  'usage:events': (input: UsageQuery) => { events: UsageEvent[]; total: number }
  'usage:series': (input: UsageSeriesQuery) => UsageSeriesPoint[]
  'usage:metrics': (input: NoInput) => string[]
  'billing:run': (input: BillingRunInput) => BillingRunResult
  'billing:runs': (input: { limit?: number; offset?: number }) => {
    runs: BillingRun[]
    total: number
  }
  'billing:run-get': (input: { id: string }) => BillingRunResult
  'billing:schedule': (input: NoInput) => ScheduleStatus
  'invoices:list': (input: InvoiceQuery) => InvoicePage
  'invoices:get': (input: { id: number }) => Invoice
  'invoices:finalize': (input: { id: number }) => Invoice
  'invoices:void': (input: { id: number; reason: string }) => Invoice
  'invoices:mark-paid': (input: { id: number; note?: string }) => Invoice
  'invoices:mark-uncollectible': (input: { id: number; reason: string }) => Invoice
  'invoices:add-line': (input: ManualLineInput) => Invoice
  'invoices:remove-line': (input: { invoiceId: number; lineId: number }) => Invoice
  'invoices:regenerate': (input: { id: number }) => Invoice
  'invoices:credit-note': (input: CreditNoteInput) => Invoice
  /** A PDF as base64: an invoice, or one of its credit notes. */
  'invoices:pdf': (input: { id: number; creditNoteId?: number }) => {
    base64: string
    fileName: string
  }
  'invoices:export-csv': (input: {
    period?: string
    status?: InvoiceStatus
    lines?: boolean
    creditNotes?: boolean
  }) => {
    text: string
    fileName: string
  }
  'subscriptions:change-plan': (input: ChangePlanInput) => Customer
  'subscriptions:cancel': (input: CancelInput) => Customer
  'subscriptions:transition': (input: TransitionInput) => Customer
  'subscriptions:history': (input: { externalId: string }) => SubscriptionTransition[]
  'credits:ledger': (input: { externalId: string }) => CreditLedger[]
  'credits:add': (input: CreditInput) => CreditLedger[]
  'discounts:list': (input: { externalId: string }) => Discount[]
  'discounts:create': (input: DiscountInput) => Discount[]
  'discounts:deactivate': (input: { id: number }) => Discount[]
  'dashboard:summary': (input: NoInput) => Dashboard
  'payments:status': (input: NoInput) => PaymentsStatus
  /** Stores the Stripe key (encrypted by the OS where the host can); it never comes back. */
  'payments:set-key': (input: { key: string }) => PaymentsStatus
  'payments:clear-key': (input: NoInput) => PaymentsStatus
  /** Tries the given key, or the configured one, against Stripe. */
  'payments:test-connection': (input: { key?: string }) => ConnectionTest
  /** Queues finalized invoices for push and collection (idempotent). */
  'payments:push': (input: PushInput) => PushResult
  /** Polls Stripe's events now and applies the new ones. */
  'payments:sync': (input: NoInput) => SyncResult
  'payments:outbox': (input: OutboxQuery) => { entries: OutboxEntry[]; total: number }
  'payments:invoice': (input: { invoiceId: number }) => InvoicePayment | null
  'retries:list': (input: FailureQuery) => FailurePage
  'retries:get': (input: { id: number }) => FailureDetail
  /** One action on one or many failures (retry now, change strategy, snooze, resolve, write off). */
  'retries:act': (input: FailureActInput) => FailureActResult
  /** Sends the outbox and the due retries now; `now` also takes automatic ones not yet due. */
  'retries:process': (input: { now?: boolean }) => ProcessResult
  'retries:report': (input: NoInput) => FailureReport
  'retries:report-csv': (input: NoInput) => { text: string; fileName: string }
  'retries:summary': (input: NoInput) => FailureSummary
  // Plan versions: moving subscribers from one published version to another (grandfathering).
  /** What moving would change, per subscriber and per currency, on their last billed period. */
  'plan-moves:preview': (input: MoveSubscribersInput) => MovePreview
  /** Moves them from the date (prorated inside a period), one audit entry per subscription. */
  'plan-moves:apply': (input: MoveSubscribersInput) => MoveResult

  // Documents (issue #16): issued documents are frozen at issue; before finalizing, the UI asks
  // what would go out wrong (empty seller details, a customer's region without a tax rate).
  'invoices:finalize-check': (input: FinalizeCheckInput) => FinalizeWarning[]
  // Exports (issue 16, CLI and accounting): what an accountant books for a range of days.
  /** Invoices, lines, credit notes, payments and refunds of `from`..`to` (inclusive), as CSVs. */
  'exports:accounting': (input: { from: string; to: string }) => AccountingExport
  // Lists (issue 20): payments received and refunds, sortable and filterable, with totals.
  'payments:list': (input: PaymentListQuery) => PaymentListPage
  // What-if (issue 20, item 5): a plan's draft against its subscribers' last billed periods.
  /** Each subscriber's last billed period re-priced under the draft; writes nothing. */
  'what-if:draft': (input: WhatIfInput) => WhatIf
  // Customer page (issue 20, item 4): the current period's invoice as the run would compute it
  // now, from the usage so far; a dry computation that writes nothing.
  'customers:upcoming-invoice': (input: { externalId: string }) => UpcomingInvoice
  /** Owed and overdue per currency, counted as the dashboard counts receivables. */
  'customers:receivables': (input: { externalId: string }) => CustomerReceivables[]
  // Lists (issue 20, speed-lists): the usage explorer's totals for its filter.
  /** Each metric's exact sum and event count under the explorer's filter. */
  'usage:totals': (input: UsageFilter) => UsageTotal[]

  // Operators and roles (issue 19, item 6). Who may call what: src-shared/ipc/roles.ts.
  /** Whether this ledger asks for sign-in, and who this session is. */
  'session:whoami': (input: NoInput) => Whoami
  /** Fails with one message whether the name is unknown, disabled or the password wrong. */
  'session:sign-in': (input: { name: string; password: string }) => Whoami
  'session:sign-out': (input: NoInput) => Whoami
  'operators:list': (input: NoInput) => Operator[]
  'operators:add': (input: NewOperator) => Operator
  'operators:set-role': (input: { name: string; role: Role }) => Operator
  'operators:disable': (input: { name: string }) => Operator
  'operators:reset-password': (input: { name: string; password: string }) => Operator
  /** Switches sign-in on, creating the first admin in the same step; signs this session in. */
  'operators:switch-on': (input: FirstAdmin) => Whoami
  /** Back to one user without sign-in; the operators are kept for switching on again. */
  'operators:switch-off': (input: NoInput) => Whoami

  // Reports (issue 21, item 2): read-only, over invoices, payments, credit notes and usage.
  /** A calendar month's or year's usage and billing, per customer and currency, with totals. */
  'reports:usage-billing': (input: UsageBillingQuery) => UsageBillingReport
  /** What is owed as of the end of a day, by days past due, per customer and currency. */
  'reports:aged-receivables': (input: AgedQuery) => AgedReceivablesReport
  /** Either report as a CSV or PDF file (base64). */
  'reports:file': (input: ReportFileQuery) => ReportFile

  // Coupons (issue 21, item 6): codes in the catalog, redeemed on a customer's subscription as
  // one of its discounts (billing applies them as it applies any discount).
  'coupons:list': (input: { includeArchived?: boolean }) => Coupon[]
  /** The coupon with its redemptions. */
  'coupons:get': (input: { code: string }) => CouponDetail
  'coupons:create': (input: CouponInput) => Coupon
  /** No more redemptions; those made go on as they were. */
  'coupons:archive': (input: { code: string }) => Coupon
  'coupons:redeem': (input: CouponRedeemInput) => CouponRedemption
  /** Ends a redemption: later periods no longer get it; invoices that carry it keep it. */
  'coupons:remove': (input: { id: number }) => CouponRedemption
  // Usage alerts (issue 21, item 4): recorded when usage is imported (src-main/alerts).
  /** Alerts fired, filtered, sorted and paged, with how many are not yet acknowledged. */
  'alerts:list': (input: AlertQuery) => AlertPage
  /** Marks alerts seen (audited); returns them as they now are. */
  'alerts:acknowledge': (input: AlertAcknowledge) => UsageAlert[]
  // Disputes (issue 21, item 1): an invoice or a line contested by hand or through Stripe.
  'disputes:list': (input: DisputeListQuery) => DisputePage
  'disputes:get': (input: { id: number }) => DisputeDetail
  /** Flags a finalized or paid invoice (or one of its lines) as disputed. */
  'disputes:open': (input: DisputeOpenInput) => DisputeDetail
  'disputes:review': (input: DisputeReviewInput) => DisputeDetail
  /** Accepted: a credit note for the disputed amount, in the same step; rejected: a note. */
  'disputes:resolve': (input: DisputeResolveInput) => DisputeDetail
  // Mail (issue 21, item 3): SMTP settings' password, the test email, the mail outbox, sends.
  'mail:status': (input: NoInput) => MailStatus
  /** Stores the SMTP password like the Stripe key: never in the ledger, never returned. */
  'mail:set-password': (input: { password: string }) => MailStatus
  'mail:clear-password': (input: NoInput) => MailStatus
  /** Sends the test email now, straight to the server (not queued). */
  'mail:test': (input: { to: string }) => { ok: boolean; message: string }
  /** An invoice's emails, and why none was queued on issue. */
  'mail:log': (input: { invoiceId: number }) => InvoiceMailLog
  'mail:outbox': (input: MailOutboxQuery) => {
    sends: MailSend[]
    counts: Record<MailSendStatus, number>
  }
  /** Failed and uncertain sends go back in the queue, due now (a person's decision). */
  'mail:retry': (input: { ids: number[] }) => { requeued: number }
  /** Queues the reminders due now and delivers what is due (all of it with `takeAll`). */
  'mail:process': (input: { takeAll?: boolean }) => MailPassResult
  /** Queues an issued invoice's email (again, with `resend`). */
  'mail:send-invoice': (input: { invoiceId: number; resend?: boolean }) => {
    queued: boolean
    reason: string | null
  }
}

/** One CSV per kind of record, each cell safe to open in a spreadsheet. */
export type AccountingExport = {
  from: string
  to: string
  files: { fileName: string; text: string; rows: number }[]
}

/** The in-app billing schedule: when it runs next, and what it last did. */
export type ScheduleStatus = {
  enabled: boolean
  /** The next scheduled run (UTC instant), or null when disabled. */
  next: string | null
  /** The last schedule slot that was run (or caught up), and its run. */
  lastSlot: string | null
  lastRunId: string | null
}

const pageShape = {
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
}

type CurveInput = z.input<typeof CurveInputSchema>

export type Channel = keyof Api
export type In<C extends Channel> = Parameters<Api[C]>[0]
export type Out<C extends Channel> = ReturnType<Api[C]>

/** Channels that change the ledger: run in one transaction that must also write an audit entry. */
export const mutationChannels = [
  'settings:update',
  'catalog:create-plan',
  'catalog:save-draft',
  'catalog:discard-draft',
  'catalog:publish',
  'catalog:import',
  'customers:save',
  'invoices:finalize',
  'invoices:void',
  'invoices:mark-paid',
  'invoices:mark-uncollectible',
  'invoices:add-line',
  'invoices:remove-line',
  'invoices:regenerate',
  'invoices:credit-note',
  'subscriptions:change-plan',
  'subscriptions:cancel',
  'subscriptions:transition',
  'credits:add',
  'discounts:create',
  'discounts:deactivate',
  'payments:set-key',
  'payments:clear-key',
  'payments:push',
  'retries:act',
  // Plan versions
  'plan-moves:apply',
  // Operators and roles
  'operators:add',
  'operators:set-role',
  'operators:disable',
  'operators:reset-password',
  'operators:switch-on',
  'operators:switch-off',
  // Coupons (issue 21, item 6)
  'coupons:create',
  'coupons:archive',
  'coupons:redeem',
  'coupons:remove',
  // Usage alerts
  'alerts:acknowledge',
  // Disputes
  'disputes:open',
  'disputes:review',
  'disputes:resolve',
  // Mail (issue 21, item 3)
  'mail:set-password',
  'mail:clear-password',
  'mail:retry',
  'mail:send-invoice',
] as const satisfies readonly Channel[]
export type MutationChannel = (typeof mutationChannels)[number]

/**
 * Channels that write in bulk: they take their turn with the mutations but manage their own
 * batched transactions (prepared statements, one transaction per batch) and audit the operation
 * as a whole (an import's start and end), not each batch. The customers import audits each
 * customer it changes, batch by batch, and the import as a whole.
 */
export const bulkChannels = [
  'usage:import-begin',
  'usage:import-chunk',
  'usage:import-cancel',
  'billing:run',
  // Customers import: batched, one audit entry per customer changed (concurrency branch).
  'customers:import',
] as const satisfies readonly Channel[]
export type BulkChannel = (typeof bulkChannels)[number]

export type QueryChannel = Exclude<Channel, MutationChannel | BulkChannel>

/**
 * One schema per channel; main validates every input with it before a handler runs. `satisfies`
 * ties each schema to the declared input type, and tests/unit/contract.test.ts pins exact equality.
 */
export const inputSchemas = {
  'system:info': noInput,
  'system:health': noInput,
  'audit:list': AuditQuerySchema,
  'audit:facets': noInput,
  'settings:get': noInput,
  'settings:update': SettingsPatchSchema,
  'catalog:list-plans': noInput,
  'catalog:get-plan': z.strictObject({ id: IdText }),
  'catalog:create-plan': z.strictObject({
    id: PlanId,
    name: z.string().trim().min(1, 'must not be empty').max(200),
    terms: PlanTermsEnvelope,
  }),
  'catalog:save-draft': z.strictObject({
    id: z.string(),
    name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
    terms: PlanTermsEnvelope,
  }),
  'catalog:discard-draft': z.strictObject({ id: z.string() }),
  'catalog:publish': z.strictObject({ id: z.string(), effectiveFrom: IsoDate }),
  'catalog:import': z.strictObject({
    text: z.string().max(20_000_000),
    fileName: FileNameText.optional(),
  }),
  'catalog:export': z.strictObject({ format: z.enum(['yaml', 'json']) }),
  'pricing:quote': QuoteInputSchema,
  'pricing:curve': CurveInputSchema,
  'customers:list': CustomerListQuerySchema,
  'customers:get': z.strictObject({ externalId: IdText }),
  'customers:meters': z.strictObject({
    externalId: z.string(),
    at: z.iso.datetime({ offset: true }).optional(),
  }),
  'customers:save': CustomerInputSchema,
  'customers:import': z.strictObject({
    text: z.string().max(50_000_000),
    fileName: FileNameText.optional(),
  }),
  'usage:mapping-for': z.strictObject({ headers: z.array(z.string()).max(500) }),
  'usage:preview': UsagePreviewSchema,
  'usage:import-begin': UsageImportBeginSchema,
  'usage:import-chunk': z.strictObject({
    importId: z.string(),
    text: z.string().max(16_000_000),
    last: z.boolean(),
  }),
  'usage:import-cancel': z.strictObject({ importId: z.string() }),
  'usage:imports': z.strictObject(pageShape),
  'usage:import-get': z.strictObject({ importId: z.string() }),
  'usage:rejects': z.strictObject({ ...pageShape, importId: z.string() }),
  'usage:rejects-csv': z.strictObject({ importId: z.string() }),
  'usage:events': UsageQuerySchema,
  'usage:series': UsageSeriesQuerySchema,
  'usage:metrics': noInput,
  'billing:run': BillingRunInputSchema,
  'billing:runs': z.strictObject(pageShape),
  'billing:run-get': z.strictObject({ id: z.string() }),
  'billing:schedule': noInput,
  'invoices:list': InvoiceQuerySchema,
  'invoices:get': z.strictObject({ id: z.int() }),
  'invoices:finalize': z.strictObject({ id: z.int() }),
  'invoices:void': z.strictObject({
    id: z.int(),
    reason: ReasonText,
  }),
  'invoices:mark-paid': z.strictObject({ id: z.int(), note: z.string().max(1000).optional() }),
  'invoices:mark-uncollectible': z.strictObject({
    id: z.int(),
    reason: ReasonText,
  }),
  'invoices:add-line': ManualLineInputSchema,
  'invoices:remove-line': z.strictObject({ invoiceId: z.int(), lineId: z.int() }),
  'invoices:regenerate': z.strictObject({ id: z.int() }),
  'invoices:credit-note': CreditNoteInputSchema,
  'invoices:pdf': z.strictObject({ id: z.int(), creditNoteId: z.int().optional() }),
  'invoices:export-csv': z.strictObject({
    period: PeriodKey.optional(),
    status: z.enum(invoiceStatuses).optional(),
    lines: z.boolean().optional(),
    creditNotes: z.boolean().optional(),
  }),
  'subscriptions:change-plan': ChangePlanInputSchema,
  'subscriptions:cancel': CancelInputSchema,
  'subscriptions:transition': TransitionInputSchema,
  'subscriptions:history': z.strictObject({ externalId: z.string() }),
  'credits:ledger': z.strictObject({ externalId: z.string() }),
  'credits:add': CreditInputSchema,
  'discounts:list': z.strictObject({ externalId: z.string() }),
  'discounts:create': DiscountInputSchema,
  'discounts:deactivate': z.strictObject({ id: z.int() }),
  'dashboard:summary': noInput,
  'payments:status': noInput,
  'payments:set-key': z.strictObject({ key: StripeKeySchema }),
  'payments:clear-key': noInput,
  'payments:test-connection': z.strictObject({ key: StripeKeySchema.optional() }),
  'payments:push': PushInputSchema,
  'payments:sync': noInput,
  'payments:outbox': OutboxQuerySchema,
  'payments:invoice': z.strictObject({ invoiceId: z.int() }),
  'retries:list': FailureQuerySchema,
  'retries:get': z.strictObject({ id: z.int() }),
  'retries:act': FailureActInputSchema,
  'retries:process': z.strictObject({ now: z.boolean().optional() }),
  'retries:report': noInput,
  'retries:report-csv': noInput,
  'retries:summary': noInput,
  // Plan versions
  'plan-moves:preview': MoveSubscribersInputSchema,
  'plan-moves:apply': MoveSubscribersInputSchema,

  // Documents (issue #16)
  'invoices:finalize-check': FinalizeCheckInputSchema,
  // Exports (issue 16, CLI and accounting).
  'exports:accounting': z.strictObject({ from: IsoDate, to: IsoDate }),
  // Lists (issue 20).
  'payments:list': PaymentListQuerySchema,
  // What-if (issue 20, item 5).
  'what-if:draft': WhatIfInputSchema,
  // Customer page (issue 20, item 4).
  'customers:upcoming-invoice': z.strictObject({ externalId: IdText }),
  'customers:receivables': z.strictObject({ externalId: IdText }),
  // Lists (issue 20, speed-lists).
  'usage:totals': UsageFilterSchema,
  // Operators and roles (issue 19, item 6).
  'session:whoami': noInput,
  // Bounded but not shaped: a sign-in that fails says nothing about which part was wrong.
  'session:sign-in': z.strictObject({ name: z.string().max(200), password: z.string().max(256) }),
  'session:sign-out': noInput,
  'operators:list': noInput,
  'operators:add': NewOperatorSchema,
  'operators:set-role': z.strictObject({ name: OperatorNameSchema, role: RoleSchema }),
  'operators:disable': z.strictObject({ name: OperatorNameSchema }),
  'operators:reset-password': z.strictObject({
    name: OperatorNameSchema,
    password: PasswordSchema,
  }),
  'operators:switch-on': FirstAdminSchema,
  'operators:switch-off': noInput,
  // Reports (issue 21, item 2).
  'reports:usage-billing': UsageBillingQuerySchema,
  'reports:aged-receivables': AgedQuerySchema,
  'reports:file': ReportFileQuerySchema,
  // Coupons (issue 21, item 6).
  'coupons:list': z.strictObject({ includeArchived: z.boolean().default(false) }),
  'coupons:get': z.strictObject({ code: CouponCode }),
  'coupons:create': CouponInputSchema,
  'coupons:archive': z.strictObject({ code: CouponCode }),
  'coupons:redeem': CouponRedeemSchema,
  'coupons:remove': z.strictObject({ id: z.int() }),
  // Usage alerts (issue 21, item 4).
  'alerts:list': AlertQuerySchema,
  'alerts:acknowledge': AlertAcknowledgeSchema,
  // Disputes (issue 21, item 1).
  'disputes:list': DisputeListQuerySchema,
  'disputes:get': z.strictObject({ id: z.int().min(1) }),
  'disputes:open': DisputeOpenInputSchema,
  'disputes:review': DisputeReviewInputSchema,
  'disputes:resolve': DisputeResolveInputSchema,
  // Mail (issue 21, item 3).
  'mail:status': noInput,
  'mail:set-password': z.strictObject({
    password: z.string().min(1, 'must not be empty').max(512),
  }),
  'mail:clear-password': noInput,
  'mail:test': z.strictObject({ to: z.email('must be a valid email address') }),
  'mail:log': z.strictObject({ invoiceId: z.int() }),
  'mail:outbox': MailOutboxQuerySchema,
  'mail:retry': z.strictObject({ ids: z.array(z.int()).min(1).max(500) }),
  'mail:process': z.strictObject({ takeAll: z.boolean().optional() }),
  'mail:send-invoice': z.strictObject({ invoiceId: z.int(), resend: z.boolean().optional() }),
} satisfies { [C in Channel]: z.ZodType<unknown, In<C>> }

/** The input a handler receives: parsed by the channel's schema, defaults applied. */
export type Parsed<C extends Channel> = z.output<(typeof inputSchemas)[C]>

export const isChannel = (name: string): name is Channel => Object.hasOwn(inputSchemas, name)
export const isMutation = (channel: Channel): channel is MutationChannel =>
  (mutationChannels as readonly Channel[]).includes(channel)
export const isBulk = (channel: Channel): channel is BulkChannel =>
  (bulkChannels as readonly Channel[]).includes(channel)

/** Events main pushes to every open window. */
export type Events = {
  'audit:appended': { id: number; action: string }
  'usage:import-progress': ImportProgress
  'billing:run-progress': BillingRunProgress
  'billing:run-finished': BillingRun
  /** After a pass over the outbox and the due retries (scheduled or asked for). */
  'payments:processed': ProcessResult
  'payments:synced': SyncResult
  /** The retry queue changed: the badge's numbers. */
  'retries:changed': FailureSummary
  // Live updates (dashboard area): another process (the CLI, a second app) committed to the
  // ledger; the renderer refreshes what it shows.
  'ledger:changed': { latestAuditId: number }
  // Usage alerts: an import fired new alerts (a desktop notification, a snackbar).
  'alerts:fired': AlertsFired
}
export type EventName = keyof Events

/** What a host exposes to the renderer: Electron's preload bridge, or the HTTP client. */
export type Bridge = {
  invoke<C extends Channel>(channel: C, input: In<C>): Promise<Result<Out<C>>>
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}
