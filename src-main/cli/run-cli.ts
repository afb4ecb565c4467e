import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import { AppError } from '../errors'
import { defaultLedgerPath } from '../platform/paths'
import { setCliOperator } from './cli-operator'
import { UsageError, type Command, type Output } from './command'

/**
 * Every command by its words, each loaded only when it runs (or for the help): a command loads
 * what it needs and no more, so `usage import` and `quote` start without the ORM and the app's
 * services.
 */
const commands: Record<string, () => Promise<Command>> = {
  doctor: async () => (await import('./commands/doctor')).doctor,
  serve: async () => (await import('./commands/serve')).serve,
  desktop: async () => (await import('./commands/desktop')).desktop,
  start: async () => (await import('./commands/start')).start,
  'catalog import': async () => (await import('./commands/catalog')).catalogImport,
  'catalog export': async () => (await import('./commands/catalog')).catalogExport,
  quote: async () => (await import('./commands/quote')).quote,
  'customers import': async () => (await import('./commands/customers')).customersImport,
  'usage import': async () => (await import('./commands/usage')).usageImport,
  'billing run': async () => (await import('./commands/billing')).billingRun,
  'invoices finalize': async () => (await import('./commands/invoices')).invoicesFinalize,
  'invoices export': async () => (await import('./commands/invoices')).invoicesExport,
  'payments push': async () => (await import('./commands/payments')).paymentsPush,
  'payments sync': async () => (await import('./commands/payments')).paymentsSync,
  'retries process': async () => (await import('./commands/payments')).retriesProcess,
  'retries report': async () => (await import('./commands/payments')).retriesReport,
  // Plan versions
  'plans move-subscribers': async () => (await import('./commands/plans')).plansMoveSubscribers,
  // Month end from the command line (issue 16): the dispatcher itself, and conveniences over it.
  call: async () => (await import('./commands/call')).call,
  'invoices void': async () => (await import('./commands/invoice-actions')).invoicesVoid,
  'invoices write-off': async () => (await import('./commands/invoice-actions')).invoicesWriteOff,
  'invoices mark-paid': async () => (await import('./commands/invoice-actions')).invoicesMarkPaid,
  'invoices pdf': async () => (await import('./commands/invoice-actions')).invoicesPdf,
  'credit-notes create': async () => (await import('./commands/invoice-actions')).creditNotesCreate,
  'retries list': async () => (await import('./commands/retries-queue')).retriesList,
  'retries act': async () => (await import('./commands/retries-queue')).retriesAct,
  'settings get': async () => (await import('./commands/settings')).settingsGet,
  'settings set': async () => (await import('./commands/settings')).settingsSet,
  'export accounting': async () => (await import('./commands/exports')).exportAccounting,
  // Lifecycle: one scheduled slot's work, for an OS scheduler.
  tick: async () => (await import('./commands/tick')).tick,
  // Shared ledger (issue 19): a file ledger to a PostgreSQL server and back.
  'ledger copy': async () => (await import('./commands/ledger')).ledgerCopy,
  // An encrypted ledger (issue 21): at rest, by passphrase.
  'ledger encrypt': async () => (await import('./commands/ledger-encryption')).ledgerEncrypt,
  'ledger decrypt': async () => (await import('./commands/ledger-encryption')).ledgerDecrypt,
  'ledger rekey': async () => (await import('./commands/ledger-encryption')).ledgerRekey,
  // Operators and roles (issue 19): conveniences over the operators channels.
  'operators list': async () => (await import('./commands/operators')).operatorsList,
  'operators add': async () => (await import('./commands/operators')).operatorsAdd,
  'operators set-role': async () => (await import('./commands/operators')).operatorsSetRole,
  'operators disable': async () => (await import('./commands/operators')).operatorsDisable,
  'operators reset-password': async () =>
    (await import('./commands/operators')).operatorsResetPassword,
  'operators switch-on': async () => (await import('./commands/operators')).operatorsSwitchOn,
  // Reports (issue 21, item 2): conveniences over the reports channels.
  'reports monthly': async () => (await import('./commands/reports')).reportsMonthly,
  'reports annual': async () => (await import('./commands/reports')).reportsAnnual,
  'reports aged': async () => (await import('./commands/reports')).reportsAged,
  // Coupons (issue 21, item 6): conveniences over the coupons channels.
  'coupons list': async () => (await import('./commands/coupons')).couponsList,
  'coupons create': async () => (await import('./commands/coupons')).couponsCreate,
  'coupons archive': async () => (await import('./commands/coupons')).couponsArchive,
  'coupons redeem': async () => (await import('./commands/coupons')).couponsRedeem,
  // Usage alerts (issue 21, item 4).
  'alerts list': async () => (await import('./commands/alerts')).alertsList,
  // Disputes (issue 21, item 1): conveniences over the disputes channels.
  'disputes list': async () => (await import('./commands/disputes')).disputesList,
  'disputes open': async () => (await import('./commands/disputes')).disputesOpen,
  'disputes review': async () => (await import('./commands/disputes')).disputesReview,
  'disputes resolve': async () => (await import('./commands/disputes')).disputesResolve,
  // Mail (issue 21, item 3): the test email, sending an invoice, the mail outbox.
  'mail test': async () => (await import('./commands/mail')).mailTest,
  'mail send': async () => (await import('./commands/mail')).mailSend,
  'mail outbox': async () => (await import('./commands/mail')).mailOutbox,
}

const globalOptions = {
  db: { type: 'string' },
  operator: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsOptionsConfig

const usage = async (): Promise<string> => {
  const summaries = await Promise.all(
    Object.entries(commands).map(
      async ([words, load]) => `  ${words.padEnd(24)}${(await load()).summary}`,
    ),
  )
  return [
    'Usage: meterbook <command> [options]',
    '',
    'Commands:',
    ...summaries,
    '',
    'Global options (before or after the command):',
    "  --db PATH         the SQLite ledger (default: the desktop app's ledger)",
    '  --operator NAME   who runs the command, on a ledger with operators (password:',
    '                    METERBOOK_PASSWORD, or asked for at a terminal)',
    '  --json            machine-readable output on stdout',
    '  -h, --help        show this help',
  ].join('\n')
}

type Found = { words: string[]; load: () => Promise<Command> }

/** The command the positionals begin with, the longest match winning. */
const findCommand = (positionals: string[]): Found | undefined =>
  Object.entries(commands)
    .map(([words, load]) => ({ words: words.split(' '), load }))
    .filter(({ words }) => words.every((word, i) => positionals[i] === word))
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
    const found = findCommand(loose.positionals)
    if (!found) {
      if (loose.values.help || loose.positionals[0] === 'help') {
        process.stdout.write(`${await usage()}\n`)
        return 0
      }
      const given = loose.positionals.join(' ')
      throw new UsageError(given ? `Unknown command "${given}".` : 'No command given.')
    }
    const command = await found.load()
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
    setCliOperator(typeof values.operator === 'string' ? values.operator : undefined)
    return await command.run({
      args: positionals.slice(found.words.length),
      options: values,
      ledgerPath: typeof values.db === 'string' ? values.db : defaultLedgerPath(),
      out: createOutput(values.json === true),
    })
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      process.stderr.write(`meterbook: ${error.message}\n\n${await usage()}\n`)
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
