import { z } from 'zod'
import { sortSchema } from './list-sort'
import type { JsonValue } from './json'
import { SearchText } from './text-bounds'

/** One recorded mutation: who did what to which entity, with the state before and after. */
export type AuditEntry = {
  id: number
  at: string
  operator: string
  action: string
  entityType: string
  entityId: string
  before: JsonValue | null
  after: JsonValue | null
}

const IsoInstant = z.iso.datetime({ offset: true })

/**
 * The audit log's orders: by time (newest first by default), by actor (the operator) or by
 * channel (the action), each then by time: each is an index (migration 0001), walked.
 */
export const auditSortFields = ['time', 'actor', 'channel'] as const
export type AuditSortField = (typeof auditSortFields)[number]

export const AuditQuerySchema = z.strictObject({
  action: SearchText.min(1).optional(),
  entityType: SearchText.min(1).optional(),
  entityId: SearchText.min(1).optional(),
  operator: SearchText.min(1).optional(),
  /** Inclusive lower bound, ISO 8601 instant. */
  from: IsoInstant.optional(),
  /** Exclusive upper bound, ISO 8601 instant. */
  to: IsoInstant.optional(),
  /** Omitted: newest first. */
  sort: sortSchema(auditSortFields).optional(),
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
})
export type AuditQuery = z.input<typeof AuditQuerySchema>

export type AuditPage = { entries: AuditEntry[]; total: number }

/** Distinct values present in the log, for the filter pickers. */
export type AuditFacets = { actions: string[]; entityTypes: string[]; operators: string[] }
