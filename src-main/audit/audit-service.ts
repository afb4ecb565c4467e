import type Database from 'better-sqlite3'
import type { EntityManager } from 'typeorm'
import type { AuditQuerySchema } from '../../src-shared/domain/audit'
import {
  type AuditEntry,
  type AuditFacets,
  type AuditPage,
  type AuditSortField,
} from '../../src-shared/domain/audit'
import type { JsonValue } from '../../src-shared/domain/json'
import type { z } from 'zod'
import { AuditEntryEntity, type AuditEntryRow } from '../db/entities/audit-entry'

export type NewAuditEntry = Omit<AuditEntry, 'id'>
type AuditFilter = z.output<typeof AuditQuerySchema>

const parse = (json: string | null): JsonValue | null =>
  json === null ? null : (JSON.parse(json) as JsonValue)

const toDto = (row: AuditEntryRow): AuditEntry => ({
  id: row.id,
  at: row.at,
  operator: row.operator,
  action: row.action,
  entityType: row.entityType,
  entityId: row.entityId,
  before: parse(row.beforeJson),
  after: parse(row.afterJson),
})

/** Writes one entry with the caller's manager, so it commits or rolls back with the change. */
export const recordAudit = async (db: EntityManager, entry: NewAuditEntry): Promise<number> => {
  const result = await db.insert(AuditEntryEntity, {
    at: entry.at,
    operator: entry.operator,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    beforeJson: entry.before === null ? null : JSON.stringify(entry.before),
    afterJson: entry.after === null ? null : JSON.stringify(entry.after),
  })
  return Number(result.identifiers[0]?.['id'])
}

/**
 * The same entry written on the ledger's raw connection, for services that work outside the
 * dispatcher (billing runs, the scheduler, lifecycle automation): it joins the caller's
 * transaction. Returns the entry's id, for announcing it (`audit:appended`).
 */
export const appendAudit = (db: Database.Database, entry: NewAuditEntry): number =>
  auditAppender(db)(entry)

/**
 * appendAudit with its statement prepared once, for bulk writers that audit row by row (the
 * customers import): preparing it again for each entry cost more than writing it.
 */
export const auditAppender = (db: Database.Database): ((entry: NewAuditEntry) => number) => {
  const insert = db.prepare(
    `INSERT INTO audit_entry (at, operator, action, entity_type, entity_id, before_json, after_json)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  return (entry) =>
    Number(
      insert.run(
        entry.at,
        entry.operator,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.before === null ? null : JSON.stringify(entry.before),
        entry.after === null ? null : JSON.stringify(entry.after),
      ).lastInsertRowid,
    )
}

// The entries' (operator, at) and (action, at) indexes end with the row id, so each order walks
// an index in either direction (tests/integration/audit-sorting.test.ts).
export const auditSortColumns: Record<AuditSortField, string[]> = {
  time: ['a.at'],
  actor: ['a.operator', 'a.at'],
  channel: ['a.action', 'a.at'],
}

/** Newest first unless sorted; `from` inclusive, `to` exclusive; ISO instants compare as text once in UTC. */
export const listAudit = async (db: EntityManager, filter: AuditFilter): Promise<AuditPage> => {
  const query = db.createQueryBuilder(AuditEntryEntity, 'a')
  const { action, entityType, entityId, operator, from, to } = filter
  if (action) query.andWhere('a.action = :action', { action })
  if (entityType) query.andWhere('a.entity_type = :entityType', { entityType })
  if (entityId) query.andWhere('a.entity_id = :entityId', { entityId })
  if (operator) query.andWhere('a.operator = :operator', { operator })
  if (from) query.andWhere('a.at >= :from', { from: new Date(from).toISOString() })
  if (to) query.andWhere('a.at < :to', { to: new Date(to).toISOString() })
  const sort = filter.sort ?? { field: 'time', direction: 'desc' }
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC'
  for (const column of [...auditSortColumns[sort.field], 'a.id'])
    query.addOrderBy(column, direction)
  const [rows, total] = await query.skip(filter.offset).take(filter.limit).getManyAndCount()
  return { entries: rows.map(toDto), total }
}

/**
 * Distinct values by hopping along the column's index from one value to the next (a loose index
 * scan): a handful of seeks however long the log grows, where DISTINCT would read every entry.
 */
const distinct = async (
  db: EntityManager,
  column: 'action' | 'entity_type' | 'operator',
): Promise<string[]> => {
  const rows: { value: string }[] = await db.query(
    `WITH RECURSIVE next(value) AS (
       SELECT min(${column}) FROM audit_entry
       UNION ALL
       SELECT (SELECT min(${column}) FROM audit_entry WHERE ${column} > next.value)
       FROM next WHERE next.value IS NOT NULL
     )
     SELECT value FROM next WHERE value IS NOT NULL`,
  )
  return rows.map((r) => r.value)
}

export const auditFacets = async (db: EntityManager): Promise<AuditFacets> => ({
  actions: await distinct(db, 'action'),
  entityTypes: await distinct(db, 'entity_type'),
  operators: await distinct(db, 'operator'),
})
