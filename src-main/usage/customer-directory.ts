import type Database from 'better-sqlite3'
import type { PlanFeature } from '../../src-shared/domain/catalog'
import { instantMs } from './field-parsers'

/** What validating a usage row needs to know about the customer it names. */
export type DirectoryEntry = {
  id: number
  /**
   * Feature codes of the subscribed plan version that take usage (usage, quota and rate), each
   * mapped to itself: rows then share one string per metric instead of keeping their own.
   */
  metrics: ReadonlyMap<string, string>
  /** `plan v2`, for messages; null without a subscription. */
  plan: string | null
  /** The instant (ms since 1970) before which usage is late; null if nothing is invoiced yet. */
  billedThrough: number | null
}

export type CustomerDirectory = (externalId: string) => DirectoryEntry | undefined

type CustomerRow = {
  id: number
  externalId: string
  planId: string | null
  planVersion: number | null
  billedThrough: string | null
}

const customerColumns = `c.id, c.external_id AS externalId, s.plan_id AS planId,
  s.plan_version AS planVersion, s.billed_through AS billedThrough
  FROM customer c LEFT JOIN subscription s ON s.customer_id = c.id`

/** The codes of a plan version's features that take usage, each mapped to itself. */
export const meteredCodes = (termsJson: string): Map<string, string> => {
  const terms = JSON.parse(termsJson) as { features?: PlanFeature[] }
  return new Map(
    (terms.features ?? [])
      .filter((feature) => feature.type !== 'boolean')
      .map((feature) => [feature.code, feature.code]),
  )
}

/** Metric sets per plan version, parsed once however many customers share the version. */
const planMetrics = (db: Database.Database) => {
  const cache = new Map<string, ReadonlyMap<string, string>>()
  const terms = db
    .prepare<[string, number], string>(
      'SELECT terms_json FROM plan_version WHERE plan_id = ? AND version = ?',
    )
    .pluck()
  return (planId: string, version: number): ReadonlyMap<string, string> => {
    const key = `${planId}\u0000${version}`
    let metrics = cache.get(key)
    if (!metrics) {
      const json = terms.get(planId, version)
      metrics = json === undefined ? new Map<string, string>() : meteredCodes(json)
      cache.set(key, metrics)
    }
    return metrics
  }
}

const toEntry = (
  row: CustomerRow,
  metricsOf: (planId: string, version: number) => ReadonlyMap<string, string>,
): DirectoryEntry => {
  const subscribed = row.planId !== null && row.planVersion !== null
  return {
    id: row.id,
    metrics: subscribed ? metricsOf(row.planId ?? '', row.planVersion ?? 0) : new Map(),
    plan: subscribed ? `${row.planId ?? ''} v${row.planVersion ?? 0}` : null,
    billedThrough: row.billedThrough === null ? null : instantMs(row.billedThrough),
  }
}

/**
 * Every customer, loaded once when an import begins: a map lookup per row instead of a query.
 * Customers added while an import runs are unknown to it (their rows are rejected, not lost).
 */
export const loadCustomerDirectory = (db: Database.Database): CustomerDirectory => {
  const metricsOf = planMetrics(db)
  const entries = new Map<string, DirectoryEntry>()
  for (const row of db.prepare<[], CustomerRow>(`SELECT ${customerColumns}`).iterate())
    entries.set(row.externalId, toEntry(row, metricsOf))
  return (externalId) => entries.get(externalId)
}

/** Looks customers up one at a time: for a preview of a few rows in a ledger of many customers. */
export const lazyCustomerDirectory = (db: Database.Database): CustomerDirectory => {
  const metricsOf = planMetrics(db)
  const byExternalId = db.prepare<[string], CustomerRow>(
    `SELECT ${customerColumns} WHERE c.external_id = ?`,
  )
  const cache = new Map<string, DirectoryEntry | undefined>()
  return (externalId) => {
    if (!cache.has(externalId)) {
      const row = byExternalId.get(externalId)
      cache.set(externalId, row ? toEntry(row, metricsOf) : undefined)
    }
    return cache.get(externalId)
  }
}
