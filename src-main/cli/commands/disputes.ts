import type { Dispute, DisputeDetail, DisputeListQuery } from '../../../src-shared/domain/disputes'
import { formatMoney } from '../../../src-shared/money'
import { invoke, type Dispatcher } from '../../ipc/dispatcher'
import { UsageError, type Command } from '../command'
import { invoiceIdOf } from '../invoice-number'
import { withApp } from '../with-app'

const stringOption = (value: string | boolean | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined

const wholeNumber = (value: string, what: string): number => {
  if (!/^\d+$/.test(value)) throw new UsageError(`${what} must be a whole number, not "${value}".`)
  return Number(value)
}

const oneId = (args: string[], verb: string): number => {
  const [id, ...rest] = args
  if (!id) throw new UsageError(`disputes ${verb} needs the dispute ID.`)
  if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0] ?? ''}".`)
  return wholeNumber(id, 'The dispute ID')
}

/** An invoice by its number (MB-2026-000001), or by its id for a draft-less script. */
const invoiceOf = (dispatch: Dispatcher, invoice: string): Promise<number> =>
  /^\d+$/.test(invoice) ? Promise.resolve(Number(invoice)) : invoiceIdOf(dispatch, invoice)

const statusText = (d: Dispute): string =>
  d.status === 'resolved' ? `resolved ${d.resolution ?? ''}` : d.status.replace('_', ' ')

const describeDispute = (d: Dispute): string =>
  [
    `  #${String(d.id).padEnd(5)}`,
    statusText(d).padEnd(18),
    d.customerId.padEnd(16),
    (d.invoiceNumber ?? `draft-${d.invoiceId}`).padEnd(16),
    formatMoney(d.amountMinor, d.currency).padStart(14),
    `  ${d.source}`,
    d.deadline === null ? '' : `, due ${d.deadline}${d.overdue ? ' (OVERDUE)' : ''}`,
    `: ${d.reason}`,
  ].join(' ')

const describeDetail = (d: DisputeDetail): string =>
  [
    `Dispute #${d.id}: ${statusText(d)}`,
    describeDispute(d),
    ...(d.creditNoteNumber === null ? [] : [`  credit note ${d.creditNoteNumber}`]),
    ...d.history.map((s) => `  ${s.at} ${s.operator}: ${s.step} (${s.note})`),
  ].join('\n')

export const disputesList: Command = {
  usage:
    'meterbook disputes list [--status open|under_review|resolved] [--customer C] [--source manual|stripe] [--limit N] [--db PATH] [--json]',
  summary: 'Disputed invoices, flagged by hand or from Stripe, newest first',
  options: {
    status: { type: 'string' },
    customer: { type: 'string' },
    source: { type: 'string' },
    limit: { type: 'string' },
  },
  run: async ({ args, options, ledgerPath, out }) => {
    if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
    const limit = stringOption(options['limit'])
    const status = stringOption(options['status'])
    const customer = stringOption(options['customer'])
    const source = stringOption(options['source'])
    // The channel's schema judges the values (an unknown status is a validation error).
    const query = {
      ...(status === undefined ? {} : { status }),
      ...(customer === undefined ? {} : { customer }),
      ...(source === undefined ? {} : { source }),
      ...(limit === undefined ? {} : { limit: wholeNumber(limit, '--limit') }),
    } as DisputeListQuery
    const page = await withApp(ledgerPath, (app) => invoke(app.dispatch, 'disputes:list', query))
    out.result(
      page,
      page.total === 0
        ? 'No disputes match.'
        : [
            `${page.total} dispute(s)${page.disputes.length < page.total ? `, the first ${page.disputes.length} shown` : ''}:`,
            ...page.disputes.map(describeDispute),
          ].join('\n'),
    )
    return 0
  },
}

export const disputesOpen: Command = {
  usage:
    'meterbook disputes open --invoice NUMBER|ID [--line ID] --reason R [--amount MINOR] [--contact C] [--deadline YYYY-MM-DD] [--db PATH] [--json]',
  summary:
    'Flag an invoice or one of its lines as disputed (the amount before tax, in minor units)',
  options: {
    invoice: { type: 'string' },
    line: { type: 'string' },
    reason: { type: 'string' },
    amount: { type: 'string' },
    contact: { type: 'string' },
    deadline: { type: 'string' },
  },
  run: async ({ args, options, ledgerPath, out }) => {
    if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
    const invoice = stringOption(options['invoice'])
    if (!invoice) throw new UsageError('--invoice NUMBER is required: the disputed invoice.')
    const reason = stringOption(options['reason'])
    if (reason === undefined) throw new UsageError('--reason R is required: what is disputed.')
    const line = stringOption(options['line'])
    const amount = stringOption(options['amount'])
    const contact = stringOption(options['contact'])
    const deadline = stringOption(options['deadline'])
    const dispute = await withApp(ledgerPath, async (app) =>
      invoke(app.dispatch, 'disputes:open', {
        invoiceId: await invoiceOf(app.dispatch, invoice),
        reason,
        ...(line === undefined ? {} : { lineId: wholeNumber(line, '--line') }),
        ...(amount === undefined ? {} : { amountMinor: wholeNumber(amount, '--amount') }),
        ...(contact === undefined ? {} : { contact }),
        ...(deadline === undefined ? {} : { deadline }),
      }),
    )
    out.result(dispute, describeDetail(dispute))
    return 0
  },
}

export const disputesReview: Command = {
  usage: 'meterbook disputes review ID --note N [--db PATH] [--json]',
  summary: 'Take an open dispute under review, saying what is being done',
  options: { note: { type: 'string' } },
  run: async ({ args, options, ledgerPath, out }) => {
    const id = oneId(args, 'review')
    const note = stringOption(options['note'])
    if (note === undefined) throw new UsageError('disputes review needs --note N.')
    const dispute = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'disputes:review', { id, note }),
    )
    out.result(dispute, describeDetail(dispute))
    return 0
  },
}

const settlements = {
  balance: 'credit_balance',
  refund: 'stripe_refund',
  outside: 'paid_outside',
} as const

export const disputesResolve: Command = {
  usage:
    'meterbook disputes resolve ID --accept|--reject [--note N] [--settle balance|refund|outside] [--db PATH] [--json]',
  summary: 'Resolve a dispute under review: accept (a credit note) or reject (a note says why)',
  options: {
    accept: { type: 'boolean' },
    reject: { type: 'boolean' },
    note: { type: 'string' },
    settle: { type: 'string' },
  },
  run: async ({ args, options, ledgerPath, out }) => {
    const id = oneId(args, 'resolve')
    const accept = options['accept'] === true
    if (accept === (options['reject'] === true))
      throw new UsageError('disputes resolve needs exactly one of --accept or --reject.')
    const note = stringOption(options['note'])
    const settle = stringOption(options['settle'])
    if (settle !== undefined && !(settle in settlements))
      throw new UsageError('--settle must be balance, refund or outside.')
    const dispute = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'disputes:resolve', {
        id,
        resolution: accept ? 'accepted' : 'rejected',
        ...(note === undefined ? {} : { note }),
        ...(settle === undefined
          ? {}
          : { settlement: settlements[settle as keyof typeof settlements] }),
      }),
    )
    out.result(dispute, describeDetail(dispute))
    return 0
  },
}
