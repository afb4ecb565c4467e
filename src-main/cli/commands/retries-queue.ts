import type { Failure, FailureAction, FailureQuery } from '../../../src-shared/domain/payments'
import { formatMoney } from '../../../src-shared/money'
import { invoke } from '../../ipc/dispatcher'
import { UsageError, type Command } from '../command'
import { withApp } from '../with-app'

const stringOption = (value: string | boolean | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined

const amountOf = (f: Failure): string =>
  f.amountMinor === null || f.currency === null ? '-' : formatMoney(f.amountMinor, f.currency)

const describeFailure = (f: Failure): string =>
  [
    `  #${String(f.id).padEnd(6)}`,
    `${f.status.padEnd(9)}`,
    `${(f.customerId ?? '-').padEnd(16)}`,
    `${(f.invoiceNumber ?? '-').padEnd(16)}`,
    `${amountOf(f).padStart(16)}`,
    `  ${f.errorType} (${f.attempts}/${f.maxAttempts} attempts)`,
    f.nextAttemptAt ? `, next ${f.nextAttemptAt}` : '',
  ].join(' ')

export const retriesList: Command = {
  usage:
    'meterbook retries list [--status open|resolved|written_off|all] [--customer C] [--limit N] [--db PATH] [--json]',
  summary: 'The retry queue: failed payment operations, with the amount at risk',
  options: { status: { type: 'string' }, customer: { type: 'string' }, limit: { type: 'string' } },
  run: async ({ args, options, ledgerPath, out }) => {
    if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
    const limit = stringOption(options['limit'])
    if (limit !== undefined && !/^\d+$/.test(limit))
      throw new UsageError('--limit must be a whole number.')
    const status = stringOption(options['status'])
    const customer = stringOption(options['customer'])
    // The channel's schema judges the values (a status it does not know is a validation error).
    const query = {
      ...(status === undefined ? {} : { status }),
      ...(customer === undefined ? {} : { customer }),
      ...(limit === undefined ? {} : { limit: Number(limit) }),
    } as FailureQuery
    const page = await withApp(ledgerPath, (app) => invoke(app.dispatch, 'retries:list', query))
    const atRisk = page.atRisk.map((r) => formatMoney(r.amountMinor, r.currency)).join(', ')
    out.result(
      page,
      page.total === 0
        ? 'No failures match.'
        : [
            `${page.total} failure(s)${page.failures.length < page.total ? `, the first ${page.failures.length} shown` : ''}; at risk ${atRisk || 'nothing'}:`,
            ...page.failures.map(describeFailure),
          ].join('\n'),
    )
    return 0
  },
}

const actionOf = (kind: string | undefined, note: string | undefined): FailureAction => {
  switch (kind) {
    case 'retry-now':
      return { kind }
    case 'resolve':
    case 'write-off':
      if (note === undefined)
        throw new UsageError(`--action ${kind} needs --note N: the audit keeps how and why.`)
      return { kind, note }
    default:
      throw new UsageError('--action must be retry-now, resolve or write-off.')
  }
}

export const retriesAct: Command = {
  usage:
    'meterbook retries act ID[,ID...] --action retry-now|resolve|write-off [--note N] [--db PATH] [--json]',
  summary: 'Act on failures in the retry queue, as its page does',
  options: { action: { type: 'string' }, note: { type: 'string' } },
  run: async ({ args, options, ledgerPath, out }) => {
    const [list, ...rest] = args
    if (!list) throw new UsageError('retries act needs the failure ID(s), e.g. 12 or 12,13.')
    if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0] ?? ''}".`)
    const words = list.split(',')
    if (!words.every((w) => /^\d+$/.test(w)))
      throw new UsageError(`Failure IDs are whole numbers separated by commas, not "${list}".`)
    const action = actionOf(stringOption(options['action']), stringOption(options['note']))
    const result = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'retries:act', { ids: words.map(Number), action }),
    )
    out.result(
      result,
      [
        `${action.kind}: ${result.updated.length} updated, ${result.skipped.length} skipped`,
        ...result.updated.map(describeFailure),
        ...result.skipped.map((s) => `  #${s.id} skipped: ${s.reason}`),
      ].join('\n'),
    )
    // Some applied and some not is "partly done" (3); none applied is a failure (1).
    if (result.skipped.length === 0) return 0
    return result.updated.length > 0 ? 3 : 1
  },
}
