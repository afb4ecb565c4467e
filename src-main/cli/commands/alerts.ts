import type { AlertQuery, UsageAlert } from '../../../src-shared/domain/alerts'
import { invoke } from '../../ipc/dispatcher'
import { UsageError, type Command } from '../command'
import { withApp } from '../with-app'

const stringOption = (value: string | boolean | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined

/** One alert on one line: when, who, what, which period and how far. */
export const describeAlert = (a: UsageAlert): string =>
  [
    `  #${String(a.id).padEnd(6)}`,
    a.firedAt.slice(0, 16).replace('T', ' '),
    ` ${a.customerId.padEnd(16)}`,
    `${a.metric.padEnd(14)}`,
    `${a.periodKey}`,
    ` ${String(a.threshold).padStart(3)}%`,
    `  ${a.used} of ${a.limit}`,
    a.acknowledgedAt ? `  (acknowledged by ${a.acknowledgedBy ?? '?'})` : '',
  ].join(' ')

export const alertsList: Command = {
  usage:
    'meterbook alerts list [--customer C] [--metric M] [--period YYYY-MM] [--unacknowledged] [--limit N] [--db PATH] [--json]',
  summary: 'Usage alerts fired by imports, newest first',
  options: {
    customer: { type: 'string' },
    metric: { type: 'string' },
    period: { type: 'string' },
    unacknowledged: { type: 'boolean' },
    limit: { type: 'string' },
  },
  run: async ({ args, options, ledgerPath, out }) => {
    if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
    const limit = stringOption(options['limit'])
    if (limit !== undefined && !/^\d+$/.test(limit))
      throw new UsageError('--limit must be a whole number.')
    const customer = stringOption(options['customer'])
    const metric = stringOption(options['metric'])
    const period = stringOption(options['period'])
    // The channel's schema judges the values (a malformed period is a validation error).
    const query: AlertQuery = {
      ...(customer === undefined ? {} : { customer }),
      ...(metric === undefined ? {} : { metric }),
      ...(period === undefined ? {} : { period }),
      ...(options['unacknowledged'] === true ? { acknowledged: false } : {}),
      ...(limit === undefined ? {} : { limit: Number(limit) }),
    }
    const page = await withApp(ledgerPath, (app) => invoke(app.dispatch, 'alerts:list', query))
    out.result(
      page,
      page.total === 0
        ? 'No usage alerts match.'
        : [
            `${page.total} alert(s)${page.alerts.length < page.total ? `, the first ${page.alerts.length} shown` : ''}; ${page.unacknowledged} not acknowledged:`,
            ...page.alerts.map(describeAlert),
          ].join('\n'),
    )
    return 0
  },
}
