import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../errors'
import { invoke } from '../../ipc/dispatcher'
import { UsageError, type Command } from '../command'
import { withApp } from '../with-app'

const required = (value: string | boolean | undefined, name: string, example: string): string => {
  if (typeof value !== 'string' || value === '')
    throw new UsageError(`--${name} is required, e.g. --${name} ${example}.`)
  return value
}

export const exportAccounting: Command = {
  usage:
    'meterbook export accounting --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--db PATH] [--json]',
  summary: 'CSVs of invoices, lines, credit notes, payments and refunds for a range of days',
  options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
  run: async ({ args, options, ledgerPath, out }) => {
    if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
    const from = required(options['from'], 'from', '2026-11-01')
    const to = required(options['to'], 'to', '2026-11-30')
    const dir = required(options['out'], 'out', 'exports/2026-11')
    // The dates are the channel's to judge (its schema and the service), as in the app.
    const result = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'exports:accounting', { from, to }),
    )
    const written: { file: string; rows: number }[] = []
    try {
      await mkdir(dir, { recursive: true })
      for (const f of result.files) {
        const file = join(dir, f.fileName)
        await writeFile(file, f.text)
        written.push({ file, rows: f.rows })
      }
    } catch (error) {
      throw new AppError('conflict', `Cannot write to ${dir}: ${String(error)}.`)
    }
    out.result(
      { from, to, dir, files: written },
      [
        `Accounting export of ${from} to ${to} written to ${dir}:`,
        ...written.map((w) => `  ${w.file}: ${w.rows} row(s)`),
      ].join('\n'),
    )
    return 0
  },
}
