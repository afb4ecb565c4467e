import { z } from 'zod'
import { IsoDate } from './catalog-inputs'

/**
 * Moving subscribers from one published version of a plan to another. Publishing never moves
 * anyone (grandfathering): this is the one way existing subscribers change version in bulk.
 */
export const MoveSubscribersInputSchema = z.strictObject({
  planId: z.string().min(1, 'must name a plan'),
  fromVersion: z.int().min(1),
  toVersion: z.int().min(1),
  /** The business day the new version takes effect from (00:00 in the business time zone). */
  effectiveFrom: IsoDate,
  /** Customers' external ids; omitted: every subscriber on `fromVersion`. */
  customers: z.array(z.string().min(1)).min(1, 'must name at least one customer').optional(),
})
export type MoveSubscribersInput = z.input<typeof MoveSubscribersInputSchema>

/** The last billed period of a subscriber, re-priced under both versions. */
export type MoveComparison = {
  period: string
  periodStart: string
  periodEnd: string
  /** That period's subtotal (base fee, usage, minimum) under the version they are on. */
  fromMinor: number
  /** The same period and usage under the target version. */
  toMinor: number
  /** toMinor − fromMinor: what the move would have changed on that invoice, before tax. */
  differenceMinor: number
}

export type MovePreviewRow = {
  externalId: string
  customerName: string
  subscriptionId: number
  currency: string
  /** Null when the subscriber has no billed period yet. */
  lastPeriod: MoveComparison | null
  /** Why this subscriber cannot be moved from that date; null when they can. */
  refusal: string | null
}

export type MoveTotal = {
  currency: string
  customers: number
  fromMinor: number
  toMinor: number
  differenceMinor: number
}

export type MovePreview = {
  planId: string
  fromVersion: number
  toVersion: number
  effectiveFrom: string
  /** The instant the move takes effect: 00:00 of `effectiveFrom` in the business time zone. */
  effectiveAt: string
  rows: MovePreviewRow[]
  /** Per currency, over the rows that have a billed period: each the exact sum of its rows. */
  totals: MoveTotal[]
}

export type MoveResult = MovePreview & {
  /** External ids of the subscribers moved, in order. */
  moved: string[]
  /** Draft invoices recomputed because their period runs past the effective date. */
  redrafted: number[]
}
