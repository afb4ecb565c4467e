import { differenceInCalendarDays } from 'date-fns'
import type Database from 'better-sqlite3'
import {
  agingBuckets,
  type AgedFigures,
  type AgedInvoice,
  type AgedQuery,
  type AgedReceivablesReport,
  type AgedRow,
  type AgedTotal,
  type AgingBucket,
} from '../../src-shared/domain/reports'
import { dayOf, startOfNextDay } from '../calendar/business-days'
import { readSettingsNow } from '../settings/settings-service'
import { customerByExternalId, openInvoicesAt } from './ledger-rows'

/**
 * Whole calendar days from the due date to the as-of day: 0 on the due day itself (still
 * current), 1 the day after. Calendar dates, so no time zone or daylight saving enters.
 */
export const daysPastDue = (dueDate: string, asOf: string): number =>
  differenceInCalendarDays(new Date(`${asOf}T00:00:00Z`), new Date(`${dueDate}T00:00:00Z`))

export const bucketOf = (days: number): AgingBucket => {
  if (days <= 0) return 'current'
  if (days <= 30) return '1-30'
  if (days <= 60) return '31-60'
  if (days <= 90) return '61-90'
  return '90+'
}

const emptyFigures = (): AgedFigures => ({
  invoices: 0,
  totalMinor: 0,
  current: 0,
  '1-30': 0,
  '31-60': 0,
  '61-90': 0,
  '90+': 0,
})

const add = (figures: AgedFigures, invoice: { bucket: AgingBucket; openMinor: number }): void => {
  figures.invoices += 1
  figures[invoice.bucket] += invoice.openMinor
  figures.totalMinor += invoice.openMinor
}

/**
 * Receivables as of the end of the day `asOf` in the business time zone: every invoice still
 * asking for money then (ledger-rows.ts, openInvoicesAt: its total less credit notes, unless paid
 * or voided by then), by how many days past its due date it was. An invoice without a due date is
 * due on its issue day. Per customer and currency, and a total per currency that is the sum of its
 * rows; each row's total is the sum of its buckets.
 */
export const agedReceivables = (db: Database.Database, query: AgedQuery): AgedReceivablesReport => {
  const timeZone = readSettingsNow(db).businessTimeZone
  const only = query.customerId === undefined ? null : customerByExternalId(db, query.customerId)
  const open = openInvoicesAt(db, startOfNextDay(query.asOf, timeZone).toISOString()).filter(
    (r) => only === null || r.customerId === only.customerId,
  )
  const names = new Map(open.map((r) => [r.customerId, r.customerName]))
  const invoices: AgedInvoice[] = open.map((r) => {
    const issueDate = dayOf(new Date(r.issuedAt), timeZone)
    const dueDate = r.dueDate ?? issueDate
    const days = daysPastDue(dueDate, query.asOf)
    return {
      number: r.number,
      customerId: r.customerId,
      currency: r.currency,
      issueDate,
      dueDate,
      daysPastDue: days,
      bucket: bucketOf(days),
      openMinor: r.openMinor,
    }
  })
  const rows = new Map<string, AgedRow>()
  const totals = new Map<string, AgedTotal>()
  for (const invoice of invoices) {
    const key = `${invoice.customerId}\u0000${invoice.currency}`
    const row = rows.get(key) ?? {
      customerId: invoice.customerId,
      customerName: names.get(invoice.customerId) ?? '',
      currency: invoice.currency,
      ...emptyFigures(),
    }
    add(row, invoice)
    rows.set(key, row)
  }
  // Totals from the rows, so each is the sum of its rows by construction.
  for (const row of rows.values()) {
    const total = totals.get(row.currency) ?? { currency: row.currency, ...emptyFigures() }
    total.invoices += row.invoices
    total.totalMinor += row.totalMinor
    for (const bucket of agingBuckets) total[bucket] += row[bucket]
    totals.set(row.currency, total)
  }
  const byKey = <T extends { currency: string; customerId?: string }>(a: T, b: T): number =>
    (a.customerId ?? '').localeCompare(b.customerId ?? '') || a.currency.localeCompare(b.currency)
  return {
    asOf: query.asOf,
    timeZone,
    customerId: only?.customerId ?? null,
    invoices,
    rows: [...rows.values()].sort(byKey),
    totals: [...totals.values()].sort(byKey),
  }
}
