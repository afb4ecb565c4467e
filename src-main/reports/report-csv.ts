import type {
  AgedInvoice,
  AgedReceivablesReport,
  AgingBucket,
  UsageBillingReport,
} from '../../src-shared/domain/reports'
import { agingBuckets } from '../../src-shared/domain/reports'
import { toMajor } from '../../src-shared/money'
import { toSafeCsv, type Column } from '../exports/safe-csv'

/**
 * Each report as one CSV whose first column names what a line is (`billing`, `billing_total`,
 * `usage`, `usage_total`; `invoice`, `customer`, `total`), so one file opens in a spreadsheet and
 * filters by section. Amounts are exact major-unit decimals in the line's currency, as the
 * accounting export writes them; cells that do not apply to a section are empty.
 */

type Line = {
  section: string
  customerId: string | null
  customerName: string | null
  currency: string | null
  metric?: string
  events?: number
  quantity?: string
  minor: Record<string, number | null>
  invoices?: number
  invoice?: Pick<AgedInvoice, 'number' | 'issueDate' | 'dueDate' | 'daysPastDue'>
}

const moneyColumn = (name: string): Column<Line> => ({
  header: name,
  kind: 'number',
  value: (l) => {
    const minor = l.minor[name]
    return minor === undefined || minor === null || l.currency === null
      ? null
      : toMajor(minor, l.currency)
  },
})

const text = (header: string, value: (l: Line) => string | null): Column<Line> => ({
  header,
  kind: 'text',
  value,
})
const number = (header: string, value: (l: Line) => string | number | null): Column<Line> => ({
  header,
  kind: 'number',
  value,
})

const billingMoney = [
  'invoiced',
  'payments',
  'refunds',
  'collected',
  'credited',
  'outstanding',
] as const

export const usageBillingCsv = (report: UsageBillingReport): string => {
  const columns: Column<Line>[] = [
    text('section', (l) => l.section),
    text('customer_id', (l) => l.customerId),
    text('customer_name', (l) => l.customerName),
    text('currency', (l) => l.currency),
    text('metric', (l) => l.metric ?? null),
    number('events', (l) => l.events ?? null),
    number('quantity', (l) => l.quantity ?? null),
    number('invoices', (l) => l.invoices ?? null),
    ...billingMoney.map(moneyColumn),
  ]
  const money = (f: UsageBillingReport['totals'][number]): Line['minor'] => ({
    invoiced: f.invoicedMinor,
    payments: f.paymentsMinor,
    refunds: f.refundsMinor,
    collected: f.collectedMinor,
    credited: f.creditedMinor,
    outstanding: f.outstandingMinor,
  })
  const lines: Line[] = [
    ...report.billing.map((r) => ({
      section: 'billing',
      customerId: r.customerId,
      customerName: r.customerName,
      currency: r.currency,
      invoices: r.invoices,
      minor: money(r),
    })),
    ...report.totals.map((t) => ({
      section: 'billing_total',
      customerId: null,
      customerName: null,
      currency: t.currency,
      invoices: t.invoices,
      minor: money(t),
    })),
    ...report.usage.map((u) => ({
      section: 'usage',
      customerId: u.customerId,
      customerName: u.customerName,
      currency: null,
      metric: u.metric,
      events: u.events,
      quantity: u.quantity,
      minor: {},
    })),
    ...report.usageTotals.map((u) => ({
      section: 'usage_total',
      customerId: null,
      customerName: null,
      currency: null,
      metric: u.metric,
      events: u.events,
      quantity: u.quantity,
      minor: {},
    })),
  ]
  return toSafeCsv(columns, lines)
}

export const agedReceivablesCsv = (report: AgedReceivablesReport): string => {
  const columns: Column<Line>[] = [
    text('section', (l) => l.section),
    text('customer_id', (l) => l.customerId),
    text('customer_name', (l) => l.customerName),
    text('currency', (l) => l.currency),
    text('invoice_number', (l) => l.invoice?.number ?? null),
    text('issue_date', (l) => l.invoice?.issueDate ?? null),
    text('due_date', (l) => l.invoice?.dueDate ?? null),
    number('days_past_due', (l) => l.invoice?.daysPastDue ?? null),
    number('invoices', (l) => l.invoices ?? null),
    ...agingBuckets.map(moneyColumn),
    moneyColumn('total'),
  ]
  const buckets = (f: Record<AgingBucket, number>, total: number): Line['minor'] => ({
    ...f,
    total,
  })
  const lines: Line[] = [
    ...report.invoices.map((i) => ({
      section: 'invoice',
      customerId: i.customerId,
      customerName: null,
      currency: i.currency,
      minor: { [i.bucket]: i.openMinor, total: i.openMinor },
      invoice: i,
    })),
    ...report.rows.map((r) => ({
      section: 'customer',
      customerId: r.customerId,
      customerName: r.customerName,
      currency: r.currency,
      invoices: r.invoices,
      minor: buckets(r, r.totalMinor),
    })),
    ...report.totals.map((t) => ({
      section: 'total',
      customerId: null,
      customerName: null,
      currency: t.currency,
      invoices: t.invoices,
      minor: buckets(t, t.totalMinor),
    })),
  ]
  return toSafeCsv(columns, lines)
}
