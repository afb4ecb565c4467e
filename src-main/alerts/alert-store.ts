import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type {
  AlertPage,
  AlertQuerySchema,
  AlertSortField,
  UsageAlert,
} from '../../src-shared/domain/alerts'

type Query = z.output<typeof AlertQuerySchema>

export type NewAlert = {
  customerId: number
  metric: string
  period: { key: string; start: Date; end: Date }
  threshold: number
  used: string
  limit: string
  firedAt: string
  importId: string | null
}

const columns = `a.id, c.external_id AS customerId, c.name AS customerName, a.metric,
  a.period_key AS periodKey, a.period_start AS periodStart, a.period_end AS periodEnd,
  a.threshold, a.used, a.limit_units AS "limit", a.fired_at AS firedAt, a.import_id AS importId,
  a.acknowledged_at AS acknowledgedAt, a.acknowledged_by AS acknowledgedBy,
  a.notified_at AS notifiedAt`

const from = 'FROM usage_alert a JOIN customer c ON c.id = a.customer_id'

/**
 * Records an alert unless it has already fired (the unique customer, metric, period start and
 * threshold): returns its id, or null when it was there already.
 */
export const insertAlert = (db: Database.Database, alert: NewAlert): number | null => {
  const id = db
    .prepare<unknown[], number>(
      `INSERT INTO usage_alert (customer_id, metric, period_key, period_start, period_end,
         threshold, used, limit_units, fired_at, import_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (customer_id, metric, period_start, threshold) DO NOTHING
       RETURNING id`,
    )
    .pluck()
    .get(
      alert.customerId,
      alert.metric,
      alert.period.key,
      alert.period.start.toISOString(),
      alert.period.end.toISOString(),
      alert.threshold,
      alert.used,
      alert.limit,
      alert.firedAt,
      alert.importId,
    )
  return id ?? null
}

export const alertsByIds = (db: Database.Database, ids: readonly number[]): UsageAlert[] => {
  if (ids.length === 0) return []
  return db
    .prepare<number[], UsageAlert>(
      `SELECT ${columns} ${from} WHERE a.id IN (${ids.map(() => '?').join(', ')}) ORDER BY a.id`,
    )
    .all(...ids)
}

const sortColumns: Record<AlertSortField, string> = {
  fired: 'a.fired_at',
  customer: 'c.name',
  metric: 'a.metric',
  threshold: 'a.threshold',
  period: 'a.period_start',
}

const whereOf = (query: Query): { sql: string; params: (string | number)[] } => {
  const filters: [string, string | number | undefined][] = [
    ['c.external_id = ?', query.customer],
    ['a.metric = ?', query.metric],
    ['a.threshold = ?', query.threshold],
    ['a.period_key = ?', query.period],
  ]
  const used = filters.filter((f): f is [string, string | number] => f[1] !== undefined)
  const clauses = used.map(([clause]) => clause)
  if (query.acknowledged !== undefined)
    clauses.push(`a.acknowledged_at IS ${query.acknowledged ? 'NOT NULL' : 'NULL'}`)
  return {
    sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '',
    params: used.map(([, value]) => value),
  }
}

/** A page of alerts, newest first unless sorted otherwise; the id breaks ties. */
export const listAlerts = (db: Database.Database, query: Query): AlertPage => {
  const where = whereOf(query)
  const sort = query.sort ?? { field: 'fired', direction: 'desc' }
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC'
  const alerts = db
    .prepare<(string | number)[], UsageAlert>(
      `SELECT ${columns} ${from} ${where.sql}
       ORDER BY ${sortColumns[sort.field]} ${direction}, a.id ${direction} LIMIT ? OFFSET ?`,
    )
    .all(...where.params, query.limit, query.offset)
  const total =
    db
      .prepare<(string | number)[], number>(`SELECT count(*) ${from} ${where.sql}`)
      .pluck()
      .get(...where.params) ?? 0
  const unacknowledged =
    db
      .prepare<[], number>('SELECT count(*) FROM usage_alert WHERE acknowledged_at IS NULL')
      .pluck()
      .get() ?? 0
  return { alerts, total, unacknowledged }
}

/** Marks alerts seen; one already acknowledged keeps who did it first. Returns those changed. */
export const acknowledgeAlerts = (
  db: Database.Database,
  ids: readonly number[],
  by: { operator: string; at: string },
): number[] =>
  ids.filter(
    (id) =>
      db
        .prepare(
          `UPDATE usage_alert SET acknowledged_at = ?, acknowledged_by = ?
           WHERE id = ? AND acknowledged_at IS NULL`,
        )
        .run(by.at, by.operator, id).changes > 0,
  )
