import { formatMoney } from '../../../src-shared/money'
import type { TickResult } from '../../app'
import { UsageError, type Command } from '../command'
import { withApp } from '../with-app'
import { billedJson, periodLines, unbilledJson } from './billing-report'
import { passText } from './mail'

const json = (r: TickResult) => ({
  run_id: r.id,
  status: r.status,
  error: r.error,
  billed: billedJson(r.items),
  unbilled: unbilledJson(r.items),
  totals: r.totals,
  drafts_finalized: r.finalized.map((f) => ({ invoice_id: f.id, number: f.number })),
  finalize_warnings: r.finalizeWarnings.map((w) => ({
    invoice_id: w.invoiceId,
    customer_id: w.customerId,
    code: w.code,
    message: w.message,
  })),
  drafts_not_finalized: r.unfinalized.map((u) => ({
    invoice_id: u.id,
    customer_id: u.customerId,
    reason: u.message,
  })),
  credits_expired: r.creditsExpired.map((c) => ({
    customer_id: c.customerId,
    currency: c.currency,
    amount_minor: c.expiredMinor,
  })),
  transitions: r.transitions.map((t) => ({
    customer_id: t.customerId,
    from: t.from,
    to: t.to,
    at: t.at,
    reason: t.reason,
  })),
  reminders_queued: r.remindersQueued,
  mail: r.mail,
})

const describe = (r: TickResult): string =>
  [
    `Scheduled work done; billing run ${r.id}: ${r.status}${r.error ? ` (${r.error})` : ''}`,
    `  ${r.finalized.length} drafts finalized${r.finalized.length ? `: ${r.finalized.map((f) => f.number).join(', ')}` : ''}`,
    ...r.finalizeWarnings.map((w) => `  warning: ${w.customerId}: ${w.message}`),
    ...r.unfinalized.map((u) => `  not finalized: ${u.customerId}: ${u.message}`),
    ...r.creditsExpired.map(
      (c) => `  credit expired: ${c.customerId} ${formatMoney(c.expiredMinor, c.currency)}`,
    ),
    ...r.transitions.map((t) => `  ${t.customerId}: ${t.from} → ${t.to} (${t.reason}) at ${t.at}`),
    `  ${r.invoices} periods billed (${r.created} new, ${r.updated} updated), ${r.failed} unbilled`,
    ...Object.entries(r.totals).map(
      ([currency, minor]) => `  total ${formatMoney(minor, currency)}`,
    ),
    ...periodLines(r.items),
    r.mail === null
      ? `  ${r.remindersQueued} reminders queued; email is not set up`
      : `  Email: ${passText(r.mail)}${r.mail.error ? ` (${r.mail.error})` : ''}`,
  ].join('\n')

export const tick: Command = {
  usage: 'meterbook tick [--db PATH] [--json]',
  summary:
    "One scheduled slot's work now: finalize drafts past grace, expire credits, advance subscriptions, bill every ended period",
  run: async ({ args, ledgerPath, out }) => {
    if (args.length > 0) throw new UsageError('tick takes no arguments.')
    // The scheduled work bills and finalizes: finance work, when the ledger has operators.
    const result = await withApp(ledgerPath, (app) => app.tick(), 'billing:run')
    out.result(json(result), describe(result))
    return result.status === 'completed' ? 0 : 1
  },
}
