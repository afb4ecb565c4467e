import type Database from 'better-sqlite3'
import type { AccountingExport } from '../../src-shared/ipc/contract'
import { toMajor } from '../../src-shared/money'
import { dayOf, startOfDay, startOfNextDay } from '../calendar/business-days'
import { AppError } from '../errors'
import {
  creditNotesIssuedIn,
  invoicesIssuedIn,
  linesIssuedIn,
  type CreditNoteRow,
  type InstantRange,
  type IssuedInvoiceRow,
  type IssuedLineRow,
} from '../invoices/accounting-rows'
import { paymentsIn, refundsIn, type PaymentRow, type RefundRow } from '../payments/accounting-rows'
import { readSettingsNow } from '../settings/settings-service'
import { toSafeCsv, type Column } from './safe-csv'

export type AccountingFile = AccountingExport['files'][number]

type Money = { currency: string }

/**
 * The export's columns. Amounts are exact major-unit decimals in the row's currency (`1190.00`,
 * `1428` for JPY), as a spreadsheet sums them; dates are days in the business time zone.
 */
const columnsFor = (day: (instant: string | null) => string | null) => {
  const amount = <Row extends Money>(header: string, minor: (row: Row) => number): Column<Row> => ({
    header,
    kind: 'number',
    value: (row) => toMajor(minor(row), row.currency),
  })
  const text = <Row>(header: string, value: (row: Row) => string | null): Column<Row> => ({
    header,
    kind: 'text',
    value,
  })
  const rate = <Row>(header: string, value: (row: Row) => string | null): Column<Row> => ({
    header,
    kind: 'number',
    value,
  })
  const invoices: Column<IssuedInvoiceRow>[] = [
    text('invoice_number', (r) => r.number),
    text('status', (r) => r.status),
    text('customer_id', (r) => r.customerId),
    text('customer_name', (r) => r.customerName),
    text('period', (r) => r.period),
    text('issue_date', (r) => day(r.issuedAt)),
    text('due_date', (r) => r.dueDate),
    text('paid_date', (r) => day(r.paidAt)),
    text('void_date', (r) => day(r.voidedAt)),
    text('currency', (r) => r.currency),
    amount('subtotal', (r) => r.subtotalMinor),
    amount('discount', (r) => r.discountMinor),
    amount('credit_applied', (r) => r.creditMinor),
    text('tax_name', (r) => r.taxName),
    rate('tax_rate_percent', (r) => (r.taxExempt ? '0' : r.taxRatePercent)),
    amount('tax', (r) => r.taxMinor),
    amount('total', (r) => r.totalMinor),
  ]
  const lines: Column<IssuedLineRow>[] = [
    text('invoice_number', (r) => r.invoiceNumber),
    text('customer_id', (r) => r.customerId),
    rate('position', (r) => String(r.position)),
    text('kind', (r) => r.kind),
    text('feature', (r) => r.featureCode),
    text('description', (r) => r.description),
    rate('quantity', (r) => r.quantity),
    text('unit', (r) => r.unit),
    rate('unit_price', (r) => r.unitAmount),
    text('currency', (r) => r.currency),
    amount('amount', (r) => r.amountMinor),
  ]
  const creditNotes: Column<CreditNoteRow>[] = [
    text('credit_note_number', (r) => r.number),
    text('invoice_number', (r) => r.invoiceNumber),
    text('customer_id', (r) => r.customerId),
    text('customer_name', (r) => r.customerName),
    text('issue_date', (r) => day(r.createdAt)),
    text('reason', (r) => r.reason),
    text('settlement', (r) => r.settlement),
    text('currency', (r) => r.currency),
    amount('subtotal', (r) => r.subtotalMinor),
    text('tax_name', (r) => r.taxName),
    rate('tax_rate_percent', (r) => r.taxRatePercent),
    amount('tax', (r) => r.taxMinor),
    amount('total', (r) => r.totalMinor),
  ]
  const payments: Column<PaymentRow>[] = [
    text('invoice_number', (r) => r.invoiceNumber),
    text('customer_id', (r) => r.customerId),
    text('customer_name', (r) => r.customerName),
    text('paid_date', (r) => day(r.paidAt)),
    text('method', (r) => r.method),
    text('currency', (r) => r.currency),
    amount('amount', (r) => r.amountMinor),
    text('stripe_invoice_id', (r) => r.stripeInvoiceId),
    text('stripe_payment_intent', (r) => r.paymentIntent),
  ]
  const refunds: Column<RefundRow>[] = [
    text('credit_note_number', (r) => r.creditNoteNumber),
    text('invoice_number', (r) => r.invoiceNumber),
    text('customer_id', (r) => r.customerId),
    text('customer_name', (r) => r.customerName),
    text('issue_date', (r) => day(r.createdAt)),
    text('status', (r) => r.status),
    text('sent_date', (r) => day(r.sentAt)),
    text('currency', (r) => r.currency),
    amount('amount', (r) => r.amountMinor),
  ]
  return { invoices, lines, creditNotes, payments, refunds }
}

/**
 * Everything an accountant books for the days `from` to `to` (inclusive, in the business time
 * zone): invoices issued, their lines, credit notes, payments received and refunds, one CSV each.
 * Read-only; every amount reconciles with the invoices and credit notes it comes from.
 */
export const accountingExport = (
  db: Database.Database,
  input: { from: string; to: string },
): AccountingExport => {
  if (input.to < input.from)
    throw new AppError('validation_failed', `The export ends (${input.to}) before it starts.`, {
      to: 'must not be before from',
    })
  const zone = readSettingsNow(db).businessTimeZone
  const range: InstantRange = {
    from: startOfDay(input.from, zone).toISOString(),
    to: startOfNextDay(input.to, zone).toISOString(),
  }
  const day = (instant: string | null): string | null =>
    instant === null ? null : dayOf(new Date(instant), zone)
  const columns = columnsFor(day)
  const file = <Row>(name: string, cols: Column<Row>[], rows: Row[]): AccountingFile => ({
    fileName: `${name}-${input.from}-to-${input.to}.csv`,
    text: toSafeCsv(cols, rows),
    rows: rows.length,
  })
  return {
    from: input.from,
    to: input.to,
    files: [
      file('invoices', columns.invoices, invoicesIssuedIn(db, range)),
      file('invoice-lines', columns.lines, linesIssuedIn(db, range)),
      file('credit-notes', columns.creditNotes, creditNotesIssuedIn(db, range)),
      file('payments', columns.payments, paymentsIn(db, range)),
      file('refunds', columns.refunds, refundsIn(db, range)),
    ],
  }
}
