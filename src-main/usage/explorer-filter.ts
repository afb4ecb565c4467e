import type Database from 'better-sqlite3'
import { AppError } from '../errors'
import { instantMs } from './field-parsers'

/** An instant from a query as the ledger stores instants: milliseconds since 1970 UTC. */
export const instant = (text: string): number => {
  const ms = instantMs(text)
  if (ms === null) throw new AppError('validation_failed', `"${text}" is not an ISO 8601 instant.`)
  return ms
}

export type ExplorerFilterInput = {
  customer?: string | undefined
  search?: string | undefined
  metric?: string | undefined
  from?: string | undefined
  to?: string | undefined
}

/** Who the events belong to: a WHERE fragment over `e` and its parameters. */
export type CustomerScope = { clauses: string[]; params: (string | number)[] }

export type Filter = { where: string; params: (string | number)[] }

const MAX_SEEKED_CUSTOMERS = 500

/** LIKE's wildcards typed by a person mean themselves. */
const prefixPattern = (text: string): string => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * The customers a filter names: one by its exact external id, or every one whose name or external
 * id starts with the search (any case; a scan of the customer table, a few thousand rows, then
 * the events of those customers through their index). Null when the exact customer does not exist.
 */
export const customerScope = (
  db: Database.Database,
  q: ExplorerFilterInput,
): CustomerScope | null => {
  const clauses: string[] = []
  const params: (string | number)[] = []
  if (q.customer !== undefined) {
    const id = db
      .prepare<[string], number>('SELECT id FROM customer WHERE external_id = ?')
      .pluck()
      .get(q.customer)
    if (id === undefined) return null
    clauses.push('e.customer_id = ?')
    params.push(id)
  }
  if (q.search !== undefined) {
    const pattern = prefixPattern(q.search)
    const ids = db
      .prepare<[string, string], number>(
        `SELECT id FROM customer WHERE external_id LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'`,
      )
      .pluck()
      .all(pattern, pattern)
    // The ids themselves, so SQLite knows how few they are and seeks each customer's events;
    // past a few hundred, their events are most of the table and walking the metric or time
    // index while checking the customer costs less than a seek per customer.
    if (ids.length <= MAX_SEEKED_CUSTOMERS) {
      clauses.push(`e.customer_id IN (${ids.map(() => '?').join(', ')})`)
      params.push(...ids)
    } else {
      clauses.push(
        `e.customer_id IN (SELECT id FROM customer
           WHERE external_id LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')`,
      )
      params.push(pattern, pattern)
    }
  }
  return { clauses, params }
}

/** The WHERE clause of the explorer's filters; null when the customer does not exist. */
export const filterOf = (db: Database.Database, q: ExplorerFilterInput): Filter | null => {
  const scope = customerScope(db, q)
  if (!scope) return null
  const { clauses, params } = { clauses: [...scope.clauses], params: [...scope.params] }
  if (q.metric !== undefined) {
    clauses.push('e.metric = ?')
    params.push(q.metric)
  }
  if (q.from !== undefined) {
    clauses.push('e.ts >= ?')
    params.push(instant(q.from))
  }
  if (q.to !== undefined) {
    clauses.push('e.ts < ?')
    params.push(instant(q.to))
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params }
}
