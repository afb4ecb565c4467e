import type Database from 'better-sqlite3'
import type { ReportFile, ReportFileQuery } from '../../src-shared/domain/reports'
import { readSettingsNow } from '../settings/settings-service'
import { agedReceivables } from './aged-receivables'
import { agedReceivablesCsv, usageBillingCsv } from './report-csv'
import { reportFileName } from './report-names'
import { agedReceivablesPdf, usageBillingPdf } from './report-pdf'
import { usageBillingReport } from './usage-billing'

const types = { csv: 'text/csv; charset=utf-8', pdf: 'application/pdf' } as const

/**
 * A report as a file to download or write: the same figures as the report channels, as CSV or PDF.
 * The PDF is dated `now` (when it was drawn): a report, unlike an invoice, is not a frozen document.
 */
export const reportFile = async (
  db: Database.Database,
  query: ReportFileQuery,
  options: { now: Date; compress?: boolean },
): Promise<ReportFile> => {
  const sheet = { company: readSettingsNow(db).companyName, createdAt: options.now }
  const pdf = { compress: options.compress ?? true }
  const { format, customerId } = query
  let bytes: Buffer
  let fileName: string
  if (query.report === 'usage-billing') {
    const report = usageBillingReport(db, { period: query.period, customerId })
    fileName = reportFileName({ kind: 'usage-billing', period: query.period }, customerId, format)
    bytes =
      format === 'csv'
        ? Buffer.from(usageBillingCsv(report), 'utf8')
        : await usageBillingPdf(report, sheet, pdf)
  } else {
    const report = agedReceivables(db, { asOf: query.asOf, customerId })
    fileName = reportFileName({ kind: 'aged', asOf: query.asOf }, customerId, format)
    bytes =
      format === 'csv'
        ? Buffer.from(agedReceivablesCsv(report), 'utf8')
        : await agedReceivablesPdf(report, sheet, pdf)
  }
  return { fileName, contentType: types[format], base64: bytes.toString('base64') }
}
