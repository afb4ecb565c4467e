import type { CreditNoteSettlement } from '../../../src-shared/domain/billing'
import { writeFile } from 'node:fs/promises'
import type { Invoice } from '../../../src-shared/domain/billing'
import { formatMoney } from '../../../src-shared/money'
import { AppError } from '../../errors'
import { invoke, type Dispatcher } from '../../ipc/dispatcher'
import { UsageError, type Command } from '../command'
import { describeInvoice, invoiceIdOf } from '../invoice-number'
import { withApp } from '../with-app'

const oneNumber = (args: string[], verb: string): string => {
  const [number, ...rest] = args
  if (!number) throw new UsageError(`invoices ${verb} needs the invoice NUMBER.`)
  if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0] ?? ''}".`)
  return number
}

const stringOption = (value: string | boolean | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined

type Action = {
  verb: string
  summary: string
  /** The one channel the Invoices page calls for this action; the reason goes as it takes it. */
  act: (dispatch: Dispatcher, id: number, reason: string | undefined) => Promise<Invoice>
  reasonRequired: boolean
}

const invoiceAction = ({ verb, summary, act, reasonRequired }: Action): Command => ({
  usage: `meterbook invoices ${verb} NUMBER ${reasonRequired ? '--reason R' : '[--reason R]'} [--db PATH] [--json]`,
  summary,
  options: { reason: { type: 'string' } },
  run: async ({ args, options, ledgerPath, out }) => {
    const number = oneNumber(args, verb)
    const reason = stringOption(options['reason'])
    // Whether the reason says enough is the channel's schema to judge; only its absence is ours.
    if (reasonRequired && reason === undefined)
      throw new UsageError(`invoices ${verb} needs --reason R: the audit keeps why.`)
    const invoice = await withApp(ledgerPath, async (app) =>
      act(app.dispatch, await invoiceIdOf(app.dispatch, number), reason),
    )
    out.result(invoice, describeInvoice(invoice))
    return 0
  },
})

export const invoicesVoid = invoiceAction({
  verb: 'void',
  summary: 'Void a finalized invoice (its number stays used; nothing is collected)',
  reasonRequired: true,
  act: (dispatch, id, reason) => invoke(dispatch, 'invoices:void', { id, reason: reason ?? '' }),
})

export const invoicesWriteOff = invoiceAction({
  verb: 'write-off',
  summary: 'Write a finalized invoice off as uncollectible',
  reasonRequired: true,
  act: (dispatch, id, reason) =>
    invoke(dispatch, 'invoices:mark-uncollectible', { id, reason: reason ?? '' }),
})

export const invoicesMarkPaid = invoiceAction({
  verb: 'mark-paid',
  summary: 'Record an invoice as paid outside Meterbook (e.g. by bank transfer)',
  reasonRequired: false,
  act: (dispatch, id, reason) =>
    invoke(dispatch, 'invoices:mark-paid', {
      id,
      ...(reason === undefined ? {} : { note: reason }),
    }),
})

export const invoicesPdf: Command = {
  usage: 'meterbook invoices pdf NUMBER --out FILE.pdf [--db PATH] [--json]',
  summary: "Write an invoice's PDF, as the Invoices page renders it",
  options: { out: { type: 'string' } },
  run: async ({ args, options, ledgerPath, out }) => {
    const number = oneNumber(args, 'pdf')
    const file = stringOption(options['out'])
    if (!file) throw new UsageError('--out FILE.pdf is required: where to write the PDF.')
    const pdf = await withApp(ledgerPath, async (app) =>
      invoke(app.dispatch, 'invoices:pdf', { id: await invoiceIdOf(app.dispatch, number) }),
    )
    const bytes = Buffer.from(pdf.base64, 'base64')
    try {
      await writeFile(file, bytes)
    } catch (error) {
      throw new AppError('conflict', `Cannot write ${file}: ${String(error)}.`)
    }
    out.result({ number, file, bytes: bytes.length }, `Invoice ${number} written to ${file}`)
    return 0
  },
}

/**
 * `--settle` in the words a person uses, onto the credit-note channel's settlement. `outside`
 * (paid back outside Meterbook, nothing sent to Stripe) has no settlement in the ledger yet.
 */
const settlements = {
  refund: 'stripe_refund',
  balance: 'credit_balance',
  outside: 'paid_outside',
} as const satisfies Record<string, CreditNoteSettlement>

const settledText: Record<CreditNoteSettlement, string> = {
  stripe_refund: 'a refund through Stripe is queued',
  credit_balance: "added to the customer's credit balance",
  paid_outside: 'recorded as paid back outside Meterbook (nothing sent to Stripe)',
}

const settlementOf = (value: string | boolean | undefined): CreditNoteSettlement => {
  if (value === 'refund' || value === 'balance' || value === 'outside') return settlements[value]
  throw new UsageError('--settle must say where the money goes: refund, balance or outside.')
}

const minorOption = (value: string | boolean | undefined): number => {
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw new UsageError(
      '--amount must be a whole number of minor units (cents for USD), e.g. --amount 2500 for USD 25.00.',
    )
  return Number(value)
}

export const creditNotesCreate: Command = {
  usage:
    'meterbook credit-notes create --invoice NUMBER --amount MINOR --reason R --settle refund|balance|outside [--db PATH] [--json]',
  summary: 'Credit a finalized invoice (the amount before tax; its tax rate is added)',
  options: {
    invoice: { type: 'string' },
    amount: { type: 'string' },
    reason: { type: 'string' },
    settle: { type: 'string' },
  },
  run: async ({ args, options, ledgerPath, out }) => {
    if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
    const number = stringOption(options['invoice'])
    if (!number) throw new UsageError('--invoice NUMBER is required: the invoice to credit.')
    const amountMinor = minorOption(options['amount'])
    const reason = stringOption(options['reason'])
    if (reason === undefined) throw new UsageError('--reason R is required: the audit keeps why.')
    const settlement = settlementOf(options['settle'])
    const invoice = await withApp(ledgerPath, async (app) =>
      invoke(app.dispatch, 'invoices:credit-note', {
        invoiceId: await invoiceIdOf(app.dispatch, number),
        reason,
        lines: [{ description: reason, amountMinor }],
        settlement,
      }),
    )
    // The channel answers with the invoice; the note just issued is its newest.
    const note = invoice.creditNotes.reduce((a, b) => (b.id > a.id ? b : a))
    const money = (minor: number): string => formatMoney(minor, note.currency)
    out.result(
      { creditNote: note, invoice },
      `Credit note ${note.number} on ${note.invoiceNumber}: ${money(note.totalMinor)} (${money(note.subtotalMinor)} + tax ${money(note.taxMinor)}), ${settledText[note.settlement]}`,
    )
    return 0
  },
}
