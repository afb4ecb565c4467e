import type { ReportPeriod, UsageBillingReport } from '../../src-shared/domain/reports'

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** "Usage and billing, November 2026" or "Usage and billing, 2026". */
export const reportTitle = (report: Pick<UsageBillingReport, 'period'>): string => {
  const { period } = report
  if (period.kind === 'year') return `Usage and billing, ${period.year}`
  const [year, month = 1] = period.month.split('-').map(Number)
  return `Usage and billing, ${monthNames[month - 1] ?? ''} ${year ?? ''}`
}

const periodSlug = (period: ReportPeriod): string =>
  period.kind === 'year' ? String(period.year) : period.month

/** `usage-billing-2026-11.csv`, `usage-billing-2026-acme.pdf`, `aged-receivables-2026-12-07.csv`. */
export const reportFileName = (
  report: { kind: 'usage-billing'; period: ReportPeriod } | { kind: 'aged'; asOf: string },
  customerId: string | undefined,
  format: 'csv' | 'pdf',
): string => {
  const base =
    report.kind === 'aged'
      ? `aged-receivables-${report.asOf}`
      : `usage-billing-${periodSlug(report.period)}`
  // A customer id is whatever people typed: only its safe characters reach a file name.
  const who = customerId === undefined ? '' : `-${customerId.replace(/[^A-Za-z0-9_.-]/g, '_')}`
  return `${base}${who}.${format}`
}
