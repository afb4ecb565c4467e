import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type { ListSort } from '../../src-shared/domain/list-sort'
import type {
  FailurePage,
  FailureQuerySchema,
  FailureSortField,
  FailureSummary,
  MoneyAtRisk,
} from '../../src-shared/domain/payments'
import { readSettingsNow } from '../settings/settings-service'
import { failureFrom, failureSelect, toFailure, type FailureRow } from './failure-rows'

export type FailureFilter = z.output<typeof FailureQuerySchema>

/**
 * The processor's scan for automatic records whose time has come. Strategies are listed rather
 * than excluded (`<> 'manual'`) so the lookup seeks all three columns of payment_failure_due.
 */
export const dueFailuresSql = `
  SELECT id FROM payment_failure
  WHERE status = 'open' AND strategy IN ('exponential', 'immediate', 'fixed')
    AND next_attempt_at <= ?
  ORDER BY next_attempt_at, id`

/** LIKE with the customer's text taken literally (a `%` or `_` in a name is not a wildcard). */
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export type Where = {
  sql: string
  params: (string | number)[]
  /** A strategy or error type narrows the set more than the creation order would help. */
  selective: boolean
}

export const whereOf = (filter: Omit<FailureFilter, 'limit' | 'offset'>, now: Date): Where => {
  const clauses: string[] = []
  const params: (string | number)[] = []
  if (filter.status !== 'all') {
    clauses.push('f.status = ?')
    params.push(filter.status)
  }
  if (filter.strategy !== undefined) {
    clauses.push('f.strategy = ?')
    params.push(filter.strategy)
  }
  if (filter.errorType !== undefined) {
    clauses.push('f.error_type = ?')
    params.push(filter.errorType)
  }
  if (filter.customer !== undefined && filter.customer.trim() !== '') {
    const pattern = likePattern(filter.customer.trim())
    clauses.push(`(c.external_id LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\')`)
    params.push(pattern, pattern)
  }
  if (filter.minAgeHours !== undefined) {
    clauses.push('f.created_at <= ?')
    params.push(new Date(now.getTime() - filter.minAgeHours * 3_600_000).toISOString())
  }
  if (filter.currency !== undefined) {
    clauses.push('f.currency = ?')
    params.push(filter.currency)
  }
  if (filter.minAmountMinor !== undefined) {
    clauses.push('f.amount_minor >= ?')
    params.push(filter.minAmountMinor)
  }
  return {
    sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
    params,
    selective: filter.strategy !== undefined || filter.errorType !== undefined,
  }
}

/**
 * The amounts of the open records among `where`, per currency: a record already resolved or
 * written off puts nothing at risk any more, whatever the status filter shows.
 */
const atRiskOf = (db: Database.Database, where: Where): MoneyAtRisk[] => {
  const open = where.sql ? `${where.sql} AND f.status = 'open'` : `WHERE f.status = 'open'`
  return db
    .prepare<(string | number)[], MoneyAtRisk>(
      `SELECT f.currency AS currency, sum(f.amount_minor) AS amountMinor ${failureFrom}
       ${open} AND f.amount_minor IS NOT NULL AND f.currency IS NOT NULL
       GROUP BY f.currency ORDER BY f.currency`,
    )
    .all(...where.params)
}

/**
 * The page's query (exported for the query-plan test). With a selective filter, `+` keeps the
 * planner from walking the creation-order index just to skip the sort: seeking the filter's own
 * index and sorting the few matches reads far less.
 */
export const listSql = (where: Where, sort?: ListSort<FailureSortField>): string => {
  const direction = sort?.direction === 'asc' ? 'ASC' : 'DESC'
  const created = where.selective ? '+f.created_at' : 'f.created_at'
  const column = sort === undefined ? created : { ...sortColumns, created }[sort.field]
  return `${failureSelect} ${where.sql} ORDER BY ${column} ${direction}, f.id ${direction}
    LIMIT ? OFFSET ?`
}

// Other than the creation order, these sort the matching records: the queue holds what waits
// for a person, not a ledger's history.
const sortColumns: Record<FailureSortField, string> = {
  created: 'f.created_at',
  amount: 'f.amount_minor',
  attempts: 'f.attempts',
  nextAttempt: 'f.next_attempt_at',
}

/** Newest first, paged, with the total and the amount at risk of everything that matches. */
export const listFailures = (
  db: Database.Database,
  filter: FailureFilter,
  now: Date,
): FailurePage => {
  const where = whereOf(filter, now)
  const rows = db
    .prepare<(string | number)[], FailureRow>(listSql(where, filter.sort))
    .all(...where.params, filter.limit, filter.offset)
  const total =
    db
      .prepare<(string | number)[], number>(`SELECT count(*) ${failureFrom} ${where.sql}`)
      .pluck()
      .get(...where.params) ?? 0
  return { failures: rows.map(toFailure), total, atRisk: atRiskOf(db, where) }
}

/** For the badge: what waits, and the threshold at which the app alerts. */
export const summary = (db: Database.Database): FailureSummary => {
  const counts = db
    .prepare<[], { unresolved: number; manual: number }>(
      `SELECT count(*) AS unresolved, coalesce(sum(strategy = 'manual'), 0) AS manual
       FROM payment_failure WHERE status = 'open'`,
    )
    .get() ?? { unresolved: 0, manual: 0 }
  return {
    unresolved: counts.unresolved,
    manual: counts.manual,
    threshold: readSettingsNow(db).payments.alertThreshold,
    atRisk: atRiskOf(db, { sql: '', params: [], selective: false }),
  }
}
