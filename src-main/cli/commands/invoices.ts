import { writeFile } from 'node:fs/promises'
import { PeriodKey } from '../../../src-shared/domain/billing'
import { AppError } from '../../errors'
import { exportCsv } from '../../invoices/csv-export'
import { finalizePeriod } from '../../invoices/lifecycle'
import { UsageError, type Command } from '../command'
import { withApp } from '../with-app'

/** `--period YYYY-MM`, checked; shared by the commands that work on a period. */
export const periodOption = (
  value: string | boolean | undefined,
  required: boolean,
): string | undefined => {
  if (value === undefined) {
    if (required) throw new UsageError('--period is required, e.g. --period 2026-10.')
    return undefined
  }
  const parsed = PeriodKey.safeParse(value)
  if (!parsed.success)
    throw new UsageError(
      `--period must be a month as YYYY-MM, e.g. 2026-10, not "${String(value)}".`,
    )
  return parsed.data
}

export const invoicesFinalize: Command = {
  usage: 'meterbook invoices finalize --period YYYY-MM [--db PATH] [--json]',
  summary: "Finalize every draft invoice of a period (numbers them; they can't be edited after)",
  options: { period: { type: 'string' } },
  run: async ({ args, options, ledgerPath, out }) => {
    if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
    const period = periodOption(options['period'], true) ?? ''
    const outcome = await withApp(
      ledgerPath,
      (app) =>
        Promise.resolve(
          finalizePeriod(app.ledger.db, period, {
            now: new Date(),
            operator: app.platform.operator,
          }),
        ),
      'invoices:finalize',
    )
    const numbers = outcome.finalized.map((f) => f.number)
    const warnings = outcome.warnings.map((w) => ({
      invoice: outcome.finalized.find((f) => f.id === w.invoiceId)?.number ?? w.invoice,
      customerId: w.customerId,
      code: w.code,
      message: w.message,
    }))
    out.result(
      { period, finalized: numbers.length, numbers, warnings },
      numbers.length === 0
        ? `No draft invoices of ${period} were finalized.`
        : [
            `Finalized ${numbers.length} invoice(s) of ${period}:`,
            ...numbers.map((n) => `  ${n}`),
          ].join('\n'),
    )
    // Issued regardless, as the UI's confirmation would have: said, never printed on the invoice.
    for (const w of warnings)
      process.stderr.write(`meterbook: warning: ${w.invoice} (${w.customerId}): ${w.message}\n`)
    // Drafts that could not be finalized stay drafts: say which and why, and fail the command.
    for (const f of outcome.failed)
      process.stderr.write(
        `meterbook: draft-${f.id} (${f.customerId}) not finalized: ${f.message}\n`,
      )
    return outcome.failed.length > 0 ? 1 : 0
  },
}

export const invoicesExport: Command = {
  usage:
    'meterbook invoices export [--period YYYY-MM] [--lines | --credit-notes] --out FILE.csv [--db PATH] [--json]',
  summary: 'Write invoices (or their lines, or their credit notes) as CSV',
  options: {
    period: { type: 'string' },
    lines: { type: 'boolean' },
    'credit-notes': { type: 'boolean' },
    out: { type: 'string' },
  },
  run: async ({ args, options, ledgerPath, out }) => {
    if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
    const file = options['out']
    if (typeof file !== 'string' || file === '')
      throw new UsageError('--out FILE.csv is required: where to write the CSV.')
    const period = periodOption(options['period'], false)
    const lines = options['lines'] === true
    const creditNotes = options['credit-notes'] === true
    if (lines && creditNotes) throw new UsageError('Choose --lines or --credit-notes, not both.')
    const csv = await withApp(
      ledgerPath,
      (app) =>
        Promise.resolve(
          exportCsv(app.ledger.db, { ...(period ? { period } : {}), lines, creditNotes }),
        ),
      'invoices:export-csv',
    )
    try {
      await writeFile(file, csv.text)
    } catch (error) {
      throw new AppError('conflict', `Cannot write ${file}: ${String(error)}.`)
    }
    const what = creditNotes ? 'credit notes' : lines ? 'invoice lines' : 'invoices'
    out.result(
      {
        file,
        period: period ?? null,
        lines,
        ...(creditNotes ? { creditNotes } : {}),
        rows: csv.rows,
      },
      `${csv.rows} ${what}${period ? ` of ${period}` : ''} written to ${file}`,
    )
    return 0
  },
}
