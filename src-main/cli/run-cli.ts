import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import { AppError } from '../errors'
import { defaultLedgerPath } from '../platform/paths'
import { UsageError, type Command, type Output } from './command'
import { billingRun } from './commands/billing'
import { catalogExport, catalogImport } from './commands/catalog'
import { customersImport } from './commands/customers'
import { desktop } from './commands/desktop'
import { doctor } from './commands/doctor'
import { invoicesExport, invoicesFinalize } from './commands/invoices'
import { paymentsPush, paymentsSync, retriesProcess, retriesReport } from './commands/payments'
import { quote } from './commands/quote'
import { serve } from './commands/serve'
import { usageImport } from './commands/usage'

const commands: Command[] = [
  doctor,
  serve,
  desktop,
  catalogImport,
  catalogExport,
  quote,
  customersImport,
  usageImport,
  billingRun,
  invoicesFinalize,
  invoicesExport,
  paymentsPush,
  paymentsSync,
  retriesProcess,
  retriesReport,
]

const globalOptions = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsOptionsConfig

const usage = (): string =>
  [
    'Usage: meterbook <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.words.join(' ').padEnd(18)}${c.summary}`),
    '',
    'Global options (before or after the command):',
    "  --db PATH         the SQLite ledger (default: the desktop app's ledger)",
    '  --json            machine-readable output on stdout',
    '  -h, --help        show this help',
  ].join('\n')

/** The command whose words begin the positionals, the longest match winning. */
const findCommand = (positionals: string[]): Command | undefined =>
  commands
    .filter((c) => c.words.every((word, i) => positionals[i] === word))
    .sort((a, b) => b.words.length - a.words.length)[0]

const createOutput = (json: boolean): Output => ({
  json,
  result: (value, human) => {
    process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`)
  },
  line: (text) => {
    process.stdout.write(`${text}\n`)
  },
})

/** Runs the CLI and resolves with its exit code: 0 success, 1 failure, 2 usage error. */
export const runCli = async (argv: string[]): Promise<number> => {
  try {
    const loose = parseArgs({
      args: argv,
      options: globalOptions,
      strict: false,
      allowPositionals: true,
    })
    const command = findCommand(loose.positionals)
    if (!command) {
      if (loose.values.help || loose.positionals[0] === 'help') {
        process.stdout.write(`${usage()}\n`)
        return 0
      }
      const given = loose.positionals.join(' ')
      throw new UsageError(given ? `Unknown command "${given}".` : 'No command given.')
    }
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...globalOptions, ...command.options },
      strict: true,
      allowPositionals: true,
    })
    if (values.help) {
      process.stdout.write(`Usage: ${command.usage}\n${command.summary}\n`)
      return 0
    }
    return await command.run({
      args: positionals.slice(command.words.length),
      options: values,
      ledgerPath: typeof values.db === 'string' ? values.db : defaultLedgerPath(),
      out: createOutput(values.json === true),
    })
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      process.stderr.write(`meterbook: ${error.message}\n\n${usage()}\n`)
      return 2
    }
    if (error instanceof AppError) {
      process.stderr.write(`meterbook: ${error.message}\n`)
      return 1
    }
    process.stderr.write(
      `meterbook: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    return 1
  }
}
