import type { MailPassResult } from '../../../src-shared/domain/mail'
import { mailStatuses, type MailSendStatus } from '../../../src-shared/domain/mail'
import { invoke } from '../../ipc/dispatcher'
import { UsageError, type Command } from '../command'
import { invoiceIdOf } from '../invoice-number'
import { withApp } from '../with-app'

const text = (value: string | boolean | undefined): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined

const noArguments = (args: string[]): void => {
  if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
}

export const passText = (r: MailPassResult): string =>
  [
    `${r.queued} reminder(s) queued; ${r.sent} email(s) sent`,
    r.deferred > 0 ? `, ${r.deferred} waiting (the server could not be reached)` : '',
    r.failed > 0 ? `, ${r.failed} refused` : '',
    r.uncertain > 0 ? `, ${r.uncertain} may have been delivered and wait for a person` : '',
    '.',
  ].join('')

export const mailTest: Command = {
  usage: 'meterbook mail test --to ADDRESS [--db PATH] [--json]',
  summary: 'Send the test email with the SMTP settings (password from METERBOOK_SMTP_PASSWORD)',
  options: { to: { type: 'string' } },
  run: async ({ args, options, ledgerPath, out }) => {
    noArguments(args)
    const to = text(options['to'])
    if (!to) throw new UsageError('--to ADDRESS is required: where the test email goes.')
    const result = await withApp(
      ledgerPath,
      (app) => invoke(app.dispatch, 'mail:test', { to }),
      'mail:test',
    )
    out.result(result, result.message)
    return result.ok ? 0 : 1
  },
}

export const mailSend: Command = {
  usage: 'meterbook mail send --invoice NUMBER [--resend] [--db PATH] [--json]',
  summary: "Queue an issued invoice's email (again with --resend) and send what is due",
  options: { invoice: { type: 'string' }, resend: { type: 'boolean' } },
  run: async ({ args, options, ledgerPath, out }) => {
    noArguments(args)
    const number = text(options['invoice'])
    if (!number) throw new UsageError('--invoice NUMBER is required: the invoice to send.')
    const result = await withApp(
      ledgerPath,
      async (app) => {
        const invoiceId = await invoiceIdOf(app.dispatch, number)
        const queued = await invoke(app.dispatch, 'mail:send-invoice', {
          invoiceId,
          resend: options['resend'] === true,
        })
        const pass = await invoke(app.dispatch, 'mail:process', {})
        return { invoice: number, ...queued, pass }
      },
      'mail:send-invoice',
    )
    out.result(
      result,
      `${result.queued ? `Queued invoice ${number}.` : `Invoice ${number} was queued before.`} ${passText(result.pass)}`,
    )
    return result.pass.deferred > 0 || result.pass.failed > 0 ? 3 : 0
  },
}

const statusOf = (value: string | boolean | undefined): MailSendStatus | undefined => {
  const status = text(value)
  if (status === undefined) return undefined
  if (!(mailStatuses as readonly string[]).includes(status))
    throw new UsageError(`--status must be one of ${mailStatuses.join(', ')}.`)
  return status as MailSendStatus
}

export const mailOutbox: Command = {
  usage: 'meterbook mail outbox [--status STATUS] [--db PATH] [--json]',
  summary: 'List the mail outbox: queued, sent, failed and uncertain sends',
  options: { status: { type: 'string' } },
  run: async ({ args, options, ledgerPath, out }) => {
    noArguments(args)
    const status = statusOf(options['status'])
    const result = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'mail:outbox', status ? { status } : {}),
    )
    const counts = mailStatuses.map((s) => `${result.counts[s]} ${s}`).join(', ')
    out.result(
      result,
      [
        `Mail outbox: ${counts}`,
        ...result.sends.map((s) =>
          `  ${s.id}  ${s.status.padEnd(9)} ${s.template}${s.step === '0' ? '' : ` ${s.step}`}  ${s.invoiceNumber ?? '-'}  ${s.recipient}  ${s.lastError ?? ''}`.trimEnd(),
        ),
      ].join('\n'),
    )
    return 0
  },
}
