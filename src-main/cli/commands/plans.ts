import type { MovePreview, MoveSubscribersInput } from '../../../src-shared/domain/plan-moves'
import { formatMinor } from '../../../src-shared/money'
import { invoke } from '../../ipc/dispatcher'
import { UsageError, type Command } from '../command'
import { withApp } from '../with-app'

const versionOption = (value: string | boolean | undefined, name: string): number => {
  const n = Number(value)
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} is required: a version number such as 2.`)
  return n
}

const text = (value: string | boolean | undefined, name: string, example: string): string => {
  if (typeof value !== 'string' || value === '')
    throw new UsageError(`--${name} is required, e.g. --${name} ${example}.`)
  return value
}

const signed = (minor: number, currency: string): string =>
  `${minor > 0 ? '+' : ''}${formatMinor(minor, currency)}`

/** The preview as a person reads it: one line per subscriber, then the totals per currency. */
const describe = (p: MovePreview, applied: boolean): string =>
  [
    `${applied ? 'Moved' : 'Would move'} ${p.rows.length} subscriber(s) of ${p.planId} from version ${p.fromVersion} to ${p.toVersion} from ${p.effectiveFrom}.`,
    ...p.rows.map((row) => {
      const last = row.lastPeriod
      const amounts = last
        ? `${last.period}: ${formatMinor(last.fromMinor, row.currency)} → ${formatMinor(last.toMinor, row.currency)} (${signed(last.differenceMinor, row.currency)})`
        : 'not billed yet'
      return `  ${row.externalId} (${row.customerName}): ${amounts}${row.refusal ? ` — refused: ${row.refusal}` : ''}`
    }),
    ...p.totals.map(
      (t) =>
        `  total ${t.currency}, ${t.customers} billed: ${formatMinor(t.fromMinor, t.currency)} → ${formatMinor(t.toMinor, t.currency)} (${signed(t.differenceMinor, t.currency)}) on the last billed period`,
    ),
  ].join('\n')

export const plansMoveSubscribers: Command = {
  usage:
    'meterbook plans move-subscribers --plan CODE --from-version N --to-version M --date YYYY-MM-DD [--customers a,b] [--dry-run] [--db PATH] [--json]',
  summary:
    'Move subscribers of a plan version to another from a date (prorated; --dry-run previews)',
  options: {
    plan: { type: 'string' },
    'from-version': { type: 'string' },
    'to-version': { type: 'string' },
    date: { type: 'string' },
    customers: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  run: async ({ args, options, ledgerPath, out }) => {
    if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
    const customers = options['customers']
    const input: MoveSubscribersInput = {
      planId: text(options['plan'], 'plan', 'starter'),
      fromVersion: versionOption(options['from-version'], 'from-version'),
      toVersion: versionOption(options['to-version'], 'to-version'),
      effectiveFrom: text(options['date'], 'date', '2026-12-01'),
      ...(typeof customers === 'string'
        ? {
            customers: customers
              .split(',')
              .map((c) => c.trim())
              .filter((c) => c !== ''),
          }
        : {}),
    }
    const dryRun = options['dry-run'] === true
    // Through the dispatcher, as the app does: the same validation and audit.
    const result = await withApp(ledgerPath, (app) =>
      dryRun
        ? invoke(app.dispatch, 'plan-moves:preview', input)
        : invoke(app.dispatch, 'plan-moves:apply', input),
    )
    out.result({ ...result, dry_run: dryRun }, describe(result, !dryRun))
    // A dry run that the real move would refuse fails, so a script can tell before applying.
    return result.rows.some((row) => row.refusal !== null) ? 1 : 0
  },
}
