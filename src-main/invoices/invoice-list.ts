import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type {
  InvoicePage,
  InvoiceQuerySchema,
  InvoiceStatus,
  PeriodKey,
} from '../../src-shared/domain/billing'
import { invoiceSelect, toSummary, type InvoiceRow } from './invoice-store'

type InvoiceQuery = z.output<typeof InvoiceQuerySchema>

export type InvoiceFilter = {
  status?: InvoiceStatus | undefined
  period?: PeriodKey | undefined
  customer?: string | undefined
  search?: string | undefined
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

export const listInvoices = (db: Database.Database, query: InvoiceQuery): InvoicePage => {
  const where = whereOf(query)
  const from = 'FROM invoice i JOIN customer c ON c.id = i.customer_id'
  const rows = db
    .prepare<string[], InvoiceRow>(`${invoiceSelect} ${where.sql} ${listOrder} LIMIT ? OFFSET ?`)
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
  }
}
