import { z } from 'zod'
import { IsoDate } from './catalog-inputs'

/**
 * Reports (issue 21, item 2): usage and billing for a calendar month or year in the business time
 * zone, and receivables aged as of a day. Amounts are integer minor units, one row per customer and
 * currency; every total is the sum of its rows, per currency (currencies are never added together).
 */

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
const Year = z.int().min(2000).max(2999)
/** The customer's own id (`external_id`), as everywhere people type one. */
const CustomerId = z.string().min(1).max(200)

export const ReportPeriodSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('month'), month: Month }),
  z.strictObject({ kind: z.literal('year'), year: Year }),
])
export type ReportPeriod = z.infer<typeof ReportPeriodSchema>

export const UsageBillingQuerySchema = z.strictObject({
  period: ReportPeriodSchema,
  customerId: CustomerId.optional(),
})
export type UsageBillingQuery = z.infer<typeof UsageBillingQuerySchema>

export const AgedQuerySchema = z.strictObject({ asOf: IsoDate, customerId: CustomerId.optional() })
export type AgedQuery = z.infer<typeof AgedQuerySchema>

export const reportFormats = ['csv', 'pdf'] as const
export type ReportFormat = (typeof reportFormats)[number]

export const ReportFileQuerySchema = z.discriminatedUnion('report', [
  UsageBillingQuerySchema.extend({
    report: z.literal('usage-billing'),
    format: z.enum(reportFormats),
  }),
  AgedQuerySchema.extend({ report: z.literal('aged-receivables'), format: z.enum(reportFormats) }),
])
export type ReportFileQuery = z.infer<typeof ReportFileQuerySchema>

/** A report as a file: CSV text or PDF bytes, both as base64 so one shape crosses every host. */
export type ReportFile = { fileName: string; contentType: string; base64: string }

/** The money of one customer in one currency over the period (definitions: reports/figures.ts). */
export type BillingFigures = {
  invoices: number
  invoicedMinor: number
  paymentsMinor: number
  refundsMinor: number
  /** paymentsMinor − refundsMinor. */
  collectedMinor: number
  creditedMinor: number
  outstandingMinor: number
}

export type BillingRow = BillingFigures & {
  customerId: string
  customerName: string
  currency: string
}
export type BillingTotal = BillingFigures & { currency: string }

/** Events recorded in the period, and their quantities summed (a decimal string, exact). */
export type UsageRow = { customerId: string; customerName: string; metric: string } & UsageFigures
export type UsageFigures = { events: number; quantity: string }
export type UsageTotal = UsageFigures & { metric: string }

export type UsageBillingReport = {
  period: ReportPeriod
  /** The first and last day covered, inclusive, in the business time zone. */
  from: string
  to: string
  timeZone: string
  customerId: string | null
  billing: BillingRow[]
  totals: BillingTotal[]
  usage: UsageRow[]
  usageTotals: UsageTotal[]
}

export const agingBuckets = ['current', '1-30', '31-60', '61-90', '90+'] as const
export type AgingBucket = (typeof agingBuckets)[number]

/** What is still owed, per bucket of days past the due date (current: not yet past it). */
export type AgedFigures = { invoices: number; totalMinor: number } & Record<AgingBucket, number>
export type AgedRow = AgedFigures & { customerId: string; customerName: string; currency: string }
export type AgedTotal = AgedFigures & { currency: string }

export type AgedInvoice = {
  number: string
  customerId: string
  currency: string
  issueDate: string
  dueDate: string
  daysPastDue: number
  bucket: AgingBucket
  openMinor: number
}

export type AgedReceivablesReport = {
  asOf: string
  timeZone: string
  customerId: string | null
  invoices: AgedInvoice[]
  rows: AgedRow[]
  totals: AgedTotal[]
}
