import { z } from 'zod'
import type { DecimalString } from './pricing'
import { sortSchema } from './list-sort'
import { IdText } from './text-bounds'

/**
 * A usage alert: a customer's metric reached one of its plan's thresholds (percent of the limit
 * or included units) in one billing period. Recorded once per customer, metric, period and
 * threshold, when usage is imported (src-main/alerts).
 */
export type UsageAlert = {
  id: number
  customerId: string
  customerName: string
  metric: string
  /** `YYYY-MM`: the month, in the business time zone, in which the period starts. */
  periodKey: string
  /** [start, end) as ISO 8601 UTC instants. */
  periodStart: string
  periodEnd: string
  threshold: number
  /** Usage and the customer's limit (override, else the plan's) when the alert fired. */
  used: DecimalString
  limit: DecimalString
  firedAt: string
  /** The import whose usage crossed the threshold. */
  importId: string | null
  acknowledgedAt: string | null
  acknowledgedBy: string | null
  /** When the customer was told by email; null until the mail area sends it. */
  notifiedAt: string | null
}

export const alertSortFields = ['fired', 'customer', 'metric', 'threshold', 'period'] as const
export type AlertSortField = (typeof alertSortFields)[number]

export const AlertQuerySchema = z.strictObject({
  /** A customer's external id. */
  customer: IdText.optional(),
  metric: IdText.optional(),
  threshold: z.int().min(1).max(1000).optional(),
  /** `YYYY-MM`: periods starting in that month. */
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM, e.g. 2026-10')
    .optional(),
  acknowledged: z.boolean().optional(),
  /** Omitted: newest first. */
  sort: sortSchema(alertSortFields).optional(),
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
})
export type AlertQuery = z.input<typeof AlertQuerySchema>

export type AlertPage = { alerts: UsageAlert[]; total: number; unacknowledged: number }

export const AlertAcknowledgeSchema = z.strictObject({
  ids: z.array(z.int().min(1)).min(1, 'name at least one alert').max(500),
})
export type AlertAcknowledge = z.input<typeof AlertAcknowledgeSchema>

/** What an import fired, announced to the windows (a desktop notification, a snackbar). */
export type AlertsFired = { importId: string; alerts: UsageAlert[] }
