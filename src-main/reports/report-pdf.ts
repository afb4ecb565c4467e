import type { AgedReceivablesReport, UsageBillingReport } from '../../src-shared/domain/reports'
import { agingBuckets } from '../../src-shared/domain/reports'
import {
  CONTENT_WIDTH,
  FONT,
  GREY,
  PAGE,
  createDocument,
  finishPages,
  money,
  printable,
  toBuffer,
  type PdfOptions,
} from '../invoices/pdf/pdf-kit'
import { Table, type Column } from '../invoices/pdf/table'
import { reportTitle } from './report-names'

/**
 * The reports as printed pages, drawn with the invoices' PDF kit (A4, built-in fonts, tables that
 * flow over pages with their header repeated). The same figures as the CSV and the screen: rows
 * per customer and currency, then one bold total per currency.
 */

type Sheet = { company: string; createdAt: Date }

const heading = (doc: PDFKit.PDFDocument, title: string, facts: string[], company: string) => {
  doc.font(FONT.bold).fontSize(16).fillColor('#111111')
  doc.text(printable(title), PAGE.margin, PAGE.margin, { width: CONTENT_WIDTH })
  doc.font(FONT.regular).fontSize(9).fillColor(GREY)
  doc.text(printable([company, ...facts].filter((f) => f !== '').join('  ·  ')), {
    width: CONTENT_WIDTH,
  })
  doc.moveDown(1)
}

const section = (doc: PDFKit.PDFDocument, title: string): void => {
  doc.moveDown(0.5)
  if (doc.y + 60 > PAGE.height - PAGE.margin - 24) doc.addPage()
  doc.font(FONT.bold).fontSize(10).fillColor('#111111').text(title, PAGE.margin, doc.y)
  doc.moveDown(0.3)
}

const columns = (first: [string, number], rest: string[]): Column[] => {
  const width = (CONTENT_WIDTH - first[1]) / rest.length
  return [
    { header: first[0], width: first[1], align: 'left' },
    ...rest.map((header) => ({ header, width, align: 'right' as const })),
  ]
}

export const usageBillingPdf = async (
  report: UsageBillingReport,
  sheet: Sheet,
  options: PdfOptions = {},
): Promise<Buffer> => {
  const title = reportTitle(report)
  const doc = createDocument(title, sheet.createdAt, options)
  const scope = report.customerId === null ? 'All customers' : `Customer ${report.customerId}`
  heading(
    doc,
    title,
    [`${report.from} to ${report.to}`, `Time zone ${report.timeZone}`, scope],
    sheet.company,
  )
  section(doc, 'Billing')
  const billing = new Table(
    doc,
    columns(['Customer', 140], ['Currency', 'Invoiced', 'Collected', 'Credited', 'Outstanding']),
  )
  billing.header()
  const cells = (f: UsageBillingReport['totals'][number]): string[] => [
    f.currency,
    money(f.invoicedMinor, f.currency),
    money(f.collectedMinor, f.currency),
    money(f.creditedMinor, f.currency),
    money(f.outstandingMinor, f.currency),
  ]
  for (const row of report.billing)
    billing.row([`${row.customerName} (${row.customerId})`, ...cells(row)])
  billing.rule()
  for (const total of report.totals)
    billing.row([`Total ${total.currency}`, ...cells(total)], { bold: true })
  if (report.totals.length === 0) billing.row(['Nothing invoiced, collected or owed.'])

  section(doc, 'Usage')
  const usage = new Table(doc, columns(['Customer', 200], ['Metric', 'Events', 'Quantity']))
  usage.header()
  for (const row of report.usage)
    usage.row([
      `${row.customerName} (${row.customerId})`,
      row.metric,
      String(row.events),
      row.quantity,
    ])
  usage.rule()
  for (const total of report.usageTotals)
    usage.row(['Total', total.metric, String(total.events), total.quantity], { bold: true })
  if (report.usageTotals.length === 0) usage.row(['No usage recorded.'])

  doc.moveDown(1)
  doc.font(FONT.regular).fontSize(7.5).fillColor(GREY)
  doc.text(
    'Invoiced: invoices issued in the period. Collected: payments received less refunds made. ' +
      'Credited: credit notes issued. Outstanding: still owed at the end of the period.',
    PAGE.margin,
    doc.y,
    { width: CONTENT_WIDTH },
  )
  finishPages(doc, `${sheet.company} · ${title}`, null)
  return toBuffer(doc)
}

export const agedReceivablesPdf = async (
  report: AgedReceivablesReport,
  sheet: Sheet,
  options: PdfOptions = {},
): Promise<Buffer> => {
  const title = `Aged receivables as of ${report.asOf}`
  const doc = createDocument(title, sheet.createdAt, options)
  const scope = report.customerId === null ? 'All customers' : `Customer ${report.customerId}`
  heading(doc, title, [`Time zone ${report.timeZone}`, scope], sheet.company)
  const table = new Table(
    doc,
    columns(['Customer', 110], ['Currency', 'Current', ...agingBuckets.slice(1), 'Total']),
  )
  table.header()
  const cells = (f: AgedReceivablesReport['totals'][number]): string[] => [
    f.currency,
    ...agingBuckets.map((b) => money(f[b], f.currency)),
    money(f.totalMinor, f.currency),
  ]
  for (const row of report.rows)
    table.row([`${row.customerName} (${row.customerId})`, ...cells(row)])
  table.rule()
  for (const total of report.totals)
    table.row([`Total ${total.currency}`, ...cells(total)], { bold: true })
  if (report.totals.length === 0) table.row(['Nothing owed.'])
  finishPages(doc, `${sheet.company} · ${title}`, null)
  return toBuffer(doc)
}
