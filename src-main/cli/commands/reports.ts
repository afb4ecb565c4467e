import { writeFile } from 'node:fs/promises'
import type { ParseArgsOptionsConfig } from 'node:util'
import type {
  AgedReceivablesReport,
  ReportFileQuery,
  UsageBillingQuery,
  UsageBillingReport,
} from '../../../src-shared/domain/reports'
import { formatMoney } from '../../../src-shared/money'
import { AppError } from '../../errors'
import { invoke } from '../../ipc/dispatcher'
import { UsageError, type Command, type CommandContext } from '../command'
import { withApp } from '../with-app'

/**
 * `meterbook reports monthly|annual|aged`: conveniences over the reports channels. JSON and CSV go
 * to stdout unless --out names a file; a PDF needs --out. Without --format, a summary for people.
 */

const formats = ['csv', 'pdf', 'json'] as const
type Format = (typeof formats)[number]

const options = {
  customer: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
} satisfies ParseArgsOptionsConfig

const text = (value: string | boolean | undefined): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined

const required = (value: string | boolean | undefined, name: string, example: string): string => {
  const given = text(value)
  if (given === undefined) throw new UsageError(`--${name} is required, e.g. --${name} ${example}.`)
  return given
}

const formatOf = (value: string | boolean | undefined): Format | undefined => {
  const given = text(value)
  if (given === undefined) return undefined
  if (!(formats as readonly string[]).includes(given))
    throw new UsageError(`--format must be csv, pdf or json, not "${given}".`)
  return given as Format
}

const write = async (file: string, bytes: Buffer | string): Promise<void> => {
  try {
    await writeFile(file, bytes)
  } catch (error) {
    throw new AppError('conflict', `Cannot write ${file}: ${String(error)}.`)
  }
}

type Report = UsageBillingReport | AgedReceivablesReport

/** Runs one report: `query` for the figures, `file` for CSV and PDF, `summary` for people. */
const runReport = async <R extends Report>(
  { args, options: given, ledgerPath, out }: CommandContext,
  query: (dispatch: Parameters<typeof invoke>[0]) => Promise<R>,
  fileQuery: (format: 'csv' | 'pdf') => ReportFileQuery,
  summary: (report: R) => string[],
): Promise<number> => {
  if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
  const format = formatOf(given['format']) ?? (out.json ? 'json' : undefined)
  const file = text(given['out'])
  if (format === 'pdf' && file === undefined)
    throw new UsageError('--out FILE.pdf is required for a PDF: where to write it.')
  if (format === 'csv' || format === 'pdf') {
    const result = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'reports:file', fileQuery(format)),
    )
    const bytes = Buffer.from(result.base64, 'base64')
    if (file === undefined) process.stdout.write(bytes)
    else {
      await write(file, bytes)
      out.result({ file, bytes: bytes.length }, `Report written to ${file}`)
    }
    return 0
  }
  const report = await withApp(ledgerPath, (app) => query(app.dispatch))
  if (format === 'json' && file !== undefined) {
    await write(file, `${JSON.stringify(report, null, 2)}\n`)
    out.result({ file }, `Report written to ${file}`)
  } else if (format === 'json') out.line(JSON.stringify(report, null, 2))
  else out.line(summary(report).join('\n'))
  return 0
}

const customerOf = (given: CommandContext['options']): { customerId?: string } => {
  const customerId = text(given['customer'])
  return customerId === undefined ? {} : { customerId }
}

const usageBillingLines = (title: string) => (report: UsageBillingReport) => [
  `${title} ${report.from} to ${report.to} (${report.timeZone})`,
  ...report.billing.map(
    (r) =>
      `  ${r.customerId} ${r.currency}: invoiced ${formatMoney(r.invoicedMinor, r.currency)}, collected ${formatMoney(r.collectedMinor, r.currency)}, credited ${formatMoney(r.creditedMinor, r.currency)}, outstanding ${formatMoney(r.outstandingMinor, r.currency)}`,
  ),
  ...report.totals.map(
    (t) =>
      `  total ${t.currency}: invoiced ${formatMoney(t.invoicedMinor, t.currency)}, collected ${formatMoney(t.collectedMinor, t.currency)}, credited ${formatMoney(t.creditedMinor, t.currency)}, outstanding ${formatMoney(t.outstandingMinor, t.currency)}`,
  ),
  ...report.usageTotals.map((u) => `  usage ${u.metric}: ${u.quantity} (${u.events} events)`),
]

const usageBilling = (
  ctx: CommandContext,
  period: UsageBillingQuery['period'],
  title: string,
): Promise<number> => {
  const input = { period, ...customerOf(ctx.options) }
  return runReport(
    ctx,
    (dispatch) => invoke(dispatch, 'reports:usage-billing', input),
    (format) => ({ report: 'usage-billing', ...input, format }),
    usageBillingLines(title),
  )
}

const agedLine = (label: string, f: AgedReceivablesReport['totals'][number]): string => {
  const m = (minor: number): string => formatMoney(minor, f.currency)
  return `  ${label} ${f.currency}: current ${m(f.current)}, 1-30 ${m(f['1-30'])}, 31-60 ${m(f['31-60'])}, 61-90 ${m(f['61-90'])}, 90+ ${m(f['90+'])}, total ${m(f.totalMinor)}`
}

const common = '[--customer ID] [--format csv|pdf|json] [--out FILE] [--db PATH]'

export const reportsMonthly: Command = {
  usage: `meterbook reports monthly --month YYYY-MM ${common}`,
  summary: 'A month of usage and billing per customer and currency (invoiced, collected, ...)',
  options: { ...options, month: { type: 'string' } },
  run: (ctx) => {
    const month = required(ctx.options['month'], 'month', '2026-11')
    return usageBilling(ctx, { kind: 'month', month }, `Usage and billing, ${month}:`)
  },
}

export const reportsAnnual: Command = {
  usage: `meterbook reports annual --year YYYY ${common}`,
  summary: 'A year of usage and billing per customer and currency',
  options: { ...options, year: { type: 'string' } },
  run: (ctx) => {
    const year = required(ctx.options['year'], 'year', '2026')
    if (!/^\d{4}$/.test(year)) throw new UsageError(`--year must be a year as YYYY, not "${year}".`)
    return usageBilling(ctx, { kind: 'year', year: Number(year) }, `Usage and billing, ${year}:`)
  },
}

export const reportsAged: Command = {
  usage: `meterbook reports aged --as-of YYYY-MM-DD ${common}`,
  summary: 'Receivables by days past due (current, 1-30, 31-60, 61-90, 90+) as of a day',
  options: { ...options, 'as-of': { type: 'string' } },
  run: (ctx) => {
    const asOf = required(ctx.options['as-of'], 'as-of', '2026-12-07')
    const input = { asOf, ...customerOf(ctx.options) }
    return runReport(
      ctx,
      (dispatch) => invoke(dispatch, 'reports:aged-receivables', input),
      (format) => ({ report: 'aged-receivables', ...input, format }),
      (report) => [
        `Aged receivables as of ${report.asOf} (${report.timeZone}):`,
        ...report.rows.map((r) => agedLine(r.customerId, r)),
        ...report.totals.map((t) => agedLine('total', t)),
      ],
    )
  },
}
