import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type {
  InvoicePage,
  InvoiceQuerySchema,
  InvoiceSortField,
  InvoiceStatus,
  PeriodKey,
} from '../../src-shared/domain/billing'
import type { ListSort } from '../../src-shared/domain/list-sort'
import { invoiceSelect, toSummary, type InvoiceRow } from './invoice-store'

type InvoiceQuery = z.output<typeof InvoiceQuerySchema>

export type InvoiceFilter = {
  status?: InvoiceStatus | undefined
  period?: PeriodKey | undefined
  customer?: string | undefined
  search?: string | undefined
  /** The business date (YYYY-MM-DD) an invoice is overdue after; unset: no overdue filter. */
  overdueOn?: string | undefined
}

/** The WHERE clause for a filter; search is a plain substring (instr), so % and _ mean themselves. */
export const whereOf = (filter: InvoiceFilter): { sql: string; params: string[] } => {
  const clauses: string[] = []
  const params: string[] = []
  if (filter.status) {
    clauses.push('i.status = ?')
    params.push(filter.status)
  }
  if (filter.period) {
    clauses.push('i.period = ?')
    params.push(filter.period)
  }
  if (filter.overdueOn) {
    clauses.push("i.status = 'finalized' AND i.due_date < ?")
    params.push(filter.overdueOn)
  }
  if (filter.customer) {
    clauses.push('c.external_id = ?')
    params.push(filter.customer)
  }
  const search = filter.search?.trim().toLowerCase()
  if (search) {
    clauses.push(
      `(instr(lower(coalesce(i.number, '')), ?) > 0 OR instr(lower(c.external_id), ?) > 0
        OR instr(lower(c.name), ?) > 0)`,
    )
    params.push(search, search, search)
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

/** Newest period first; within it, issued invoices by number, then drafts. */
export const listOrder = 'ORDER BY i.period DESC, i.number IS NULL, i.number, i.id'

// Each sort column has an index whose entries end with the row id (migration 0023), so a sort
// with the id as tie-breaker walks an index instead of sorting the table.
const sortColumns: Record<InvoiceSortField, string> = {
  number: 'i.number',
  issued: 'i.issued_at',
  due: 'i.due_date',
  amount: 'i.total_minor',
  status: 'i.status',
}

export const orderOf = (sort: ListSort<InvoiceSortField> | undefined): string => {
  if (sort === undefined) return listOrder
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC'
  return `ORDER BY ${sortColumns[sort.field]} ${direction}, i.id ${direction}`
}

/** `today`: the business date, for the overdue filter and count. */
export const listInvoices = (
  db: Database.Database,
  query: InvoiceQuery,
  today: string,
): InvoicePage => {
  const where = whereOf({ ...query, overdueOn: query.overdue ? today : undefined })
  const from = 'FROM invoice i JOIN customer c ON c.id = i.customer_id'
  const rows = db
    .prepare<string[], InvoiceRow>(
      `${invoiceSelect} ${where.sql} ${orderOf(query.sort)} LIMIT ? OFFSET ?`,
    )
    .all(...where.params, String(query.limit), String(query.offset))
  const total =
    db
      .prepare<string[], number>(`SELECT count(*) ${from} ${where.sql}`)
      .pluck()
      .get(...where.params) ?? 0
  const sums = db
    .prepare<string[], { currency: string; total: number }>(
      `SELECT i.currency, sum(i.total_minor) AS total ${from} ${where.sql}
       GROUP BY i.currency ORDER BY i.currency`,
    )
    .all(...where.params)
  return {
    invoices: rows.map(toSummary),
    total,
    totals: Object.fromEntries(sums.map((s) => [s.currency, s.total])),
    statusCounts: statusCounts(db, query, today),
  }
}

/** The status chips' counts: the other filters apply, the status and overdue chips do not. */
const statusCounts = (
  db: Database.Database,
  query: InvoiceQuery,
  today: string,
): InvoicePage['statusCounts'] => {
  const where = whereOf({ ...query, status: undefined, overdueOn: undefined })
  const rows = db
    .prepare<string[], { status: InvoiceStatus; count: number; overdue: number }>(
      `SELECT i.status, count(*) AS count,
         sum(i.status = 'finalized' AND i.due_date < ?) AS overdue
       FROM invoice i JOIN customer c ON c.id = i.customer_id ${where.sql}
       GROUP BY i.status`,
    )
    .all(today, ...where.params)
  const counts: InvoicePage['statusCounts'] = {
    draft: 0,
    finalized: 0,
    paid: 0,
    void: 0,
    uncollectible: 0,
    overdue: 0,
  }
  for (const row of rows) {
    counts[row.status] = row.count
    counts.overdue += row.overdue
  }
  return counts
}
