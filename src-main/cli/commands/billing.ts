import type { BillingRunResult } from '../../../src-shared/domain/billing'
import { PeriodKey } from '../../../src-shared/domain/billing'
import { formatMoney } from '../../../src-shared/money'
import { runBilling } from '../../billing/run'
import { UsageError, type Command } from '../command'
import { withApp } from '../with-app'
import { billedJson, periodLines, unbilledJson } from './billing-report'

const describe = (r: BillingRunResult): string =>
  [
    `${r.dryRun ? 'Dry run' : `Billing run ${r.id}`}${r.period ? ` for ${r.period}` : ''}: ${r.status}`,
    `  ${r.invoices} invoices (${r.created} created, ${r.updated} updated), ${r.skipped} skipped, ${r.failed} unbilled`,
    ...Object.entries(r.totals).map(
      ([currency, minor]) => `  total ${formatMoney(minor, currency)}`,
    ),
    ...periodLines(r.items),
  ].join('\n')

const periodOption = (value: string | boolean | undefined): string | undefined => {
  if (value === undefined) return undefined
  const parsed = PeriodKey.safeParse(value)
  if (!parsed.success) throw new UsageError('--period must be a month as YYYY-MM, e.g. 2026-10.')
  return parsed.data
}

const batchOption = (value: string | boolean | undefined): number | undefined => {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new UsageError('--batch-size must be a whole number.')
  return n
}

export const billingRun: Command = {
  usage:
    'meterbook billing run [--period YYYY-MM] [--dry-run] [--batch-size N] [--db PATH] [--json]',
  summary:
    'Draft the invoices of a period (default: every ended period not yet invoiced, oldest first)',
  options: {
    period: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'batch-size': { type: 'string' },
  },
  run: async ({ args, options, ledgerPath, out }) => {
    if (args.length > 0) throw new UsageError('billing run takes no file.')
    const period = periodOption(options['period'])
    const batchSize = batchOption(options['batch-size'])
    const result = await withApp(
      ledgerPath,
      (app) =>
        runBilling(app.ledger.db, {
          period,
          dryRun: options['dry-run'] === true,
          trigger: 'cli',
          operator: app.platform.operator,
          now: () => new Date(),
          ...(batchSize ? { batchSize } : {}),
          // Progress goes to stderr, so stdout stays the result alone.
          onProgress: (p) => process.stderr.write(`Billed ${p.done} of ${p.total} periods\n`),
        }),
      'billing:run',
    )
    out.result(
      {
        run_id: result.id,
        period: result.period,
        dry_run: result.dryRun,
        status: result.status,
        invoices: result.invoices,
        created: result.created,
        updated: result.updated,
        skipped: result.skipped,
        failed: result.failed,
        totals: result.totals,
        duration_ms: result.durationMs,
        billed: billedJson(result.items),
        unbilled: unbilledJson(result.items),
      },
      describe(result),
    )
    return result.status === 'completed' ? 0 : 1
  },
}
