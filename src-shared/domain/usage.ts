import { z } from 'zod'
import type { DecimalString } from './pricing'
import { sortSchema } from './list-sort'
import { IdText, SearchText } from './text-bounds'

import type { ColumnMapping } from './usage-fields'

export { usageFields, type ColumnMapping, type UsageField } from './usage-fields'

export const importPolicies = ['keep_valid', 'all_or_nothing'] as const
export type ImportPolicy = (typeof importPolicies)[number]

export type UsageFormat = 'csv' | 'jsonl'

export type ImportStatus = 'running' | 'completed' | 'cancelled' | 'refused' | 'interrupted'

export type UsageImport = {
  id: string
  fileName: string
  format: UsageFormat
  policy: ImportPolicy
  status: ImportStatus
  mapping: ColumnMapping
  operator: string
  startedAt: string
  finishedAt: string | null
  read: number
  imported: number
  duplicates: number
  rejected: number
  /** Imported events for a period already invoiced: billed as adjustments on the next invoice. */
  late: number
}

export type ImportProgress = Pick<
  UsageImport,
  'id' | 'status' | 'read' | 'imported' | 'duplicates' | 'rejected' | 'late'
> & {
  bytesRead: number
  totalBytes: number | null
  rowsPerSecond: number
  secondsLeft: number | null
}

export type UsageEvent = {
  eventId: string
  customerId: string
  metric: string
  quantity: DecimalString
  timestamp: string
  importId: string
  late: boolean
  properties: Record<string, string> | null
}

const IsoInstant = z.iso.datetime({ offset: true })

/**
 * The explorer's orders: newest first by default (`time`), or by metric (then time). Each walks
 * an index (migration 0024), so a page costs the same on a million events.
 */
export const usageSortFields = ['time', 'metric'] as const
export type UsageSortField = (typeof usageSortFields)[number]

const usageFilterShape = {
  /** A customer's external id, exactly. */
  customer: IdText.min(1).optional(),
  /** The start of a customer's name or external id, any case. */
  search: SearchText.trim().min(1).optional(),
  metric: IdText.min(1).optional(),
  from: IsoInstant.optional(),
  to: IsoInstant.optional(),
}

export const UsageQuerySchema = z.strictObject({
  ...usageFilterShape,
  sort: sortSchema(usageSortFields).optional(),
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
})
export type UsageQuery = z.input<typeof UsageQuerySchema>

/** The explorer's filter without its page: what the totals add up. */
export const UsageFilterSchema = z.strictObject(usageFilterShape)
export type UsageFilter = z.input<typeof UsageFilterSchema>
/** A metric's events under a filter: their exact sum and how many there are. */
export type UsageTotal = { metric: string; quantity: DecimalString; count: number }

export const UsageSeriesQuerySchema = z.strictObject({
  ...usageFilterShape,
  from: IsoInstant,
  to: IsoInstant,
  bucket: z.enum(['hour', 'day']).default('day'),
})
export type UsageSeriesQuery = z.input<typeof UsageSeriesQuerySchema>
export type UsageSeriesPoint = { bucket: string; metric: string; quantity: DecimalString }

export const ColumnMappingSchema = z.strictObject({
  event_id: z.string().min(1, 'must name a column'),
  customer_id: z.string().min(1, 'must name a column'),
  metric: z.string().min(1, 'must name a column'),
  quantity: z.string().min(1, 'must name a column'),
  timestamp: z.string().min(1, 'must name a column'),
}) satisfies z.ZodType<ColumnMapping>

export const UsageImportBeginSchema = z.strictObject({
  fileName: z.string().min(1).max(500),
  format: z.enum(['csv', 'jsonl']),
  mapping: ColumnMappingSchema,
  policy: z.enum(importPolicies),
  /** The file's size, for the progress bar's time left. */
  totalBytes: z.int().min(0).optional(),
})
export type UsageImportBegin = z.input<typeof UsageImportBeginSchema>

export const UsagePreviewSchema = z.strictObject({
  format: z.enum(['csv', 'jsonl']),
  /** The start of the file (a few kilobytes); a trailing partial row is ignored. */
  sample: z.string().max(1_000_000),
  mapping: ColumnMappingSchema.optional(),
  rows: z.int().min(1).max(200).default(20),
})
export type UsagePreviewInput = z.input<typeof UsagePreviewSchema>

/** The first rows as the import would read them, each bad cell with the reason. */
export type UsagePreview = {
  headers: string[]
  /** The mapping used: the one given, else a remembered or detected one (null if none fits). */
  mapping: ColumnMapping | null
  delimiter: string | null
  rows: {
    rowNumber: number
    cells: Record<string, string>
    /** Source column → reason, for the cells that would be rejected. */
    errors: Record<string, string>
  }[]
}
