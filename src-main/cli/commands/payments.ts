import type { ProcessResult } from '../../../src-shared/domain/payments'
import { formatMoney } from '../../../src-shared/money'
import { invoke } from '../../ipc/dispatcher'
import { UsageError, type Command } from '../command'
import { withApp } from '../with-app'
import { periodOption } from './invoices'

const noArguments = (args: string[]): void => {
  if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
}

const passSummary = (r: ProcessResult): string =>
  r.keyRefused !== null
    ? `${r.keyRefused} ${r.remaining} operation(s) wait in the outbox.`
    : [
        `Sent ${r.succeeded} of ${r.attempted} operation(s); ${r.failed} failed`,
        r.movedToManual > 0 ? `, ${r.movedToManual} now wait for a person in the retry queue` : '',
        r.offline ? '; Stripe could not be reached, the rest waits in the outbox' : '',
        r.rateLimited ? '; Stripe asked to slow down, the rest waits in the outbox' : '',
        `. ${r.remaining} still waiting.`,
      ].join('')

export const paymentsPush: Command = {
  usage: 'meterbook payments push --period YYYY-MM [--db PATH] [--json]',
  summary: 'Push the finalized invoices of a period to Stripe and collect them',
  options: { period: { type: 'string' } },
  run: async ({ args, options, ledgerPath, out }) => {
    noArguments(args)
    const period = periodOption(options['period'], true) ?? ''
    const { queued, sent } = await withApp(ledgerPath, async (app) => ({
      queued: await invoke(app.dispatch, 'payments:push', { period }),
      sent: await invoke(app.dispatch, 'retries:process', {}),
    }))
    out.result(
      { period, ...queued, ...sent },
      `Queued ${queued.queued} invoice(s) of ${period} (${queued.alreadyQueued} were queued before). ${passSummary(sent)}`,
    )
    // Queued but not all sent (a failure, or Stripe out of reach) is partly done: exit 3.
    return sent.failed > 0 || sent.offline || sent.keyRefused !== null ? 3 : 0
  },
}

export const paymentsSync: Command = {
  usage: 'meterbook payments sync [--db PATH] [--json]',
  summary: "Read Stripe's new events and apply each one once",
  options: {},
  run: async ({ args, ledgerPath, out }) => {
    noArguments(args)
    const result = await withApp(ledgerPath, (app) => invoke(app.dispatch, 'payments:sync', {}))
    out.result(
      result,
      `Read ${result.fetched} event(s) from Stripe: ${result.applied} applied, ${result.skipped} already applied or not ours.`,
    )
    return 0
  },
}

export const retriesProcess: Command = {
  usage: 'meterbook retries process [--now] [--db PATH] [--json]',
  summary: 'Send the outbox and the due retries (--now: also those not yet due)',
  options: { now: { type: 'boolean' } },
  run: async ({ args, options, ledgerPath, out }) => {
    noArguments(args)
    const result = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'retries:process', { now: options['now'] === true }),
    )
    out.result(
      result,
      result.keyRefused !== null
        ? `Sent nothing: ${result.remaining} operation(s) wait in the outbox for a new Stripe key.`
        : passSummary(result),
    )
    // A refused key is a failure of the whole run, not of any one operation.
    if (result.keyRefused !== null) {
      process.stderr.write(`${result.keyRefused}\n`)
      return 1
    }
    return 0
  },
}

export const retriesReport: Command = {
  usage: 'meterbook retries report [--db PATH] [--json]',
  summary: 'Unresolved payment failures grouped by error type, with the amount at risk',
  options: {},
  run: async ({ args, ledgerPath, out }) => {
    noArguments(args)
    const report = await withApp(ledgerPath, (app) => invoke(app.dispatch, 'retries:report', {}))
    const lines = report.groups.map(
      (g) =>
        `  ${g.errorType.padEnd(24)} ${String(g.count).padStart(5)}  oldest ${g.oldest}  avg attempts ${g.averageAttempts}  at risk ${g.atRisk
          .map((r) => formatMoney(r.amountMinor, r.currency))
          .join(', ')}`,
    )
    out.result(
      report,
      lines.length === 0
        ? 'No unresolved payment failures.'
        : ['Unresolved failures by error type:', ...lines].join('\n'),
    )
    return 0
  },
}
