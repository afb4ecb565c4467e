import Big from 'big.js'
import type Database from 'better-sqlite3'
import type {
  BillingFigures,
  BillingRow,
  BillingTotal,
  ReportPeriod,
  UsageBillingQuery,
  UsageBillingReport,
  UsageRow,
  UsageTotal,
} from '../../src-shared/domain/reports'
import { addDays, startOfDay } from '../calendar/business-days'
import {
  creditNotesIssuedIn,
  invoicesIssuedIn,
  type InstantRange,
} from '../invoices/accounting-rows'
import { paymentsIn, refundsIn } from '../payments/accounting-rows'
import { readSettingsNow } from '../settings/settings-service'
import { aggregateAll } from '../usage/queries'
import { customerByExternalId, customerRefs, openInvoicesAt, voidedNumbers } from './ledger-rows'

/**
 * The monthly and annual usage and billing report. The period is a calendar month or year in the
 * business time zone: from 00:00 on its first day there to 00:00 on the day after its last, so an
 * invoice issued at 2026-12-01T05:00Z is November's in Los Angeles (21:00 on the 30th there).
 * Per customer and currency:
 * - invoiced: the totals (tax included, after discounts and applied credit) of the invoices issued
 *   in the period, by their issue instant; an invoice voided before the period's end is left out
 *   (it was never owed), one voided later stays in the period it was issued in.
 * - payments: invoices paid in the period, by the day they were paid (what Stripe collected, or
 *   the invoice total when marked paid outside Meterbook), as the accounting export counts them.
 * - refunds: money paid back in the period: credit notes settled as a refund issued in it, by the
 *   credit note's date, whatever the period of the invoice they correct; a refund that was called
 *   off (canceled in the outbox) sends nothing and is left out.
 * - collected: payments − refunds, so a refund lowers the month it is made in, not the month the
 *   money came in.
 * - credited: the totals of every credit note issued in the period (refunded or put on the
 *   customer's balance), by its date, whichever period its invoice belongs to.
 * - outstanding: what the customer's invoices still asked for at the period's end (see
 *   ledger-rows.ts, openInvoicesAt): a balance at an instant, not a flow within the period.
 * Usage: the events timestamped in the period, counted, with their quantities summed exactly per
 * metric (the billed quantity of a max or unique-count metric is on the invoices, not here).
 * Every total is the sum of its rows: per currency for money, per metric for usage.
 */
export const usageBillingReport = (
  db: Database.Database,
  query: UsageBillingQuery,
): UsageBillingReport => {
  const timeZone = readSettingsNow(db).businessTimeZone
  const days = daysOf(query.period)
  const range: InstantRange = {
    from: startOfDay(days.from, timeZone).toISOString(),
    to: startOfDay(addDays(days.to, 1), timeZone).toISOString(),
  }
  const only = query.customerId === undefined ? null : customerByExternalId(db, query.customerId)
  const keep = (row: { customerId: string }): boolean =>
    only === null || row.customerId === only.customerId

  const rows = new Map<string, BillingRow>()
  const rowOf = (r: { customerId: string; customerName: string; currency: string }) => {
    const key = `${r.customerId}\u0000${r.currency}`
    let row = rows.get(key)
    if (!row) {
      row = { ...emptyFigures(), ...pick(r) }
      rows.set(key, row)
    }
    return row
  }
  const voided = voidedNumbers(db, range, range.to)
  for (const invoice of invoicesIssuedIn(db, range).filter(keep)) {
    if (voided.has(invoice.number)) continue
    const row = rowOf(invoice)
    row.invoices += 1
    row.invoicedMinor += invoice.totalMinor
  }
  for (const payment of paymentsIn(db, range).filter(keep))
    rowOf(payment).paymentsMinor += payment.amountMinor
  for (const refund of refundsIn(db, range).filter(keep))
    if (refund.status !== 'canceled') rowOf(refund).refundsMinor += refund.amountMinor
  for (const note of creditNotesIssuedIn(db, range).filter(keep))
    rowOf(note).creditedMinor += note.totalMinor
  for (const open of openInvoicesAt(db, range.to).filter(keep))
    rowOf(open).outstandingMinor += open.openMinor

  const billing = [...rows.values()]
    .map((r) => ({ ...r, collectedMinor: r.paymentsMinor - r.refundsMinor }))
    .sort((a, b) => compare(a.customerId, b.customerId) || compare(a.currency, b.currency))
  const usage = usageRows(db, range, only?.rowId ?? null)
  return {
    period: query.period,
    ...days,
    timeZone,
    customerId: only?.customerId ?? null,
    billing,
    totals: billingTotals(billing),
    usage,
    usageTotals: usageTotals(usage),
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const pick = (r: { customerId: string; customerName: string; currency: string }) => ({
  customerId: r.customerId,
  customerName: r.customerName,
  currency: r.currency,
})

const emptyFigures = (): BillingFigures => ({
  invoices: 0,
  invoicedMinor: 0,
  paymentsMinor: 0,
  refundsMinor: 0,
  collectedMinor: 0,
  creditedMinor: 0,
  outstandingMinor: 0,
})

/** The first and last day of the period, inclusive, as calendar dates. */
export const daysOf = (period: ReportPeriod): { from: string; to: string } => {
  if (period.kind === 'year') return { from: `${period.year}-01-01`, to: `${period.year}-12-31` }
  const [year = 0, month = 1] = period.month.split('-').map(Number)
  const next =
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`
  return { from: `${period.month}-01`, to: addDays(next, -1) }
}

/** One total per currency, each the sum of that currency's rows. */
export const billingTotals = (rows: BillingRow[]): BillingTotal[] => {
  const totals = new Map<string, BillingTotal>()
  for (const row of rows) {
    const total = totals.get(row.currency) ?? { currency: row.currency, ...emptyFigures() }
    total.invoices += row.invoices
    total.invoicedMinor += row.invoicedMinor
    total.paymentsMinor += row.paymentsMinor
    total.refundsMinor += row.refundsMinor
    total.collectedMinor += row.collectedMinor
    total.creditedMinor += row.creditedMinor
    total.outstandingMinor += row.outstandingMinor
    totals.set(row.currency, total)
  }
  return [...totals.values()].sort((a, b) => compare(a.currency, b.currency))
}

const usageRows = (
  db: Database.Database,
  range: InstantRange,
  customerRowId: number | null,
): UsageRow[] => {
  const refs = customerRefs(db)
  return aggregateAll(db, range)
    .filter((a) => customerRowId === null || a.customerId === customerRowId)
    .map((a) => {
      const ref = refs.get(a.customerId)
      return {
        customerId: ref?.customerId ?? String(a.customerId),
        customerName: ref?.customerName ?? '',
        metric: a.metric,
        events: a.count,
        quantity: a.sum,
      }
    })
    .sort((a, b) => compare(a.customerId, b.customerId) || compare(a.metric, b.metric))
}

/** Per metric, the events and the exact sum of the rows' quantities (decimal, never a float). */
const usageTotals = (rows: UsageRow[]): UsageTotal[] => {
  const totals = new Map<string, { events: number; quantity: Big }>()
  for (const row of rows) {
    const total = totals.get(row.metric) ?? { events: 0, quantity: new Big(0) }
    total.events += row.events
    total.quantity = total.quantity.plus(row.quantity)
    totals.set(row.metric, total)
  }
  return [...totals]
    .map(([metric, t]) => ({ metric, events: t.events, quantity: t.quantity.toFixed() }))
    .sort((a, b) => compare(a.metric, b.metric))
}
