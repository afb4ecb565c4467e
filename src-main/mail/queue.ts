import type Database from 'better-sqlite3'
import type { MailSettings, MailTemplate } from '../../src-shared/domain/mail'
import type { Settings } from '../../src-shared/domain/settings'
import { addDays, dayOf } from '../calendar/business-days'
import { heldByDispute } from '../disputes/dispute-store'
import { readSettingsNow } from '../settings/settings-service'
import { enqueueMail, hasSend } from './mail-store'
import { subjectOf } from './templates'

/**
 * What is queued, and when: the issued invoice as it is finalized, and the reminders by the
 * scheduled tick. Queuing only records the send (mail/delivery.ts delivers), so it works offline
 * and inside the transaction that finalized the invoice.
 */

export type QueueOptions = { now: Date; operator: string }

/** Mail can go out once the server and the from address are known. */
export const mailConfigured = (mail: MailSettings): boolean => mail.host !== '' && mail.from !== ''

type Target = {
  id: number
  customer_id: number
  customer_name: string
  billing_email: string
  number: string | null
  status: string
  total_minor: number
  currency: string
  due_date: string | null
}

const TARGET = `SELECT i.id, i.customer_id, c.name AS customer_name, c.billing_email, i.number,
    i.status, i.total_minor, i.currency, i.due_date
  FROM invoice i JOIN customer c ON c.id = i.customer_id`

const enqueueFor = (
  db: Database.Database,
  settings: Settings,
  invoice: Target,
  send: { template: MailTemplate; step: string; failureMessage?: string | null },
  opts: QueueOptions,
): boolean =>
  enqueueMail(db, {
    invoiceId: invoice.id,
    customerId: invoice.customer_id,
    template: send.template,
    step: send.step,
    recipient: invoice.billing_email,
    subject: subjectOf(send.template, {
      companyName: settings.companyName || settings.mail.from,
      customerName: invoice.customer_name,
      invoiceNumber: invoice.number ?? `#${invoice.id}`,
      totalMinor: invoice.total_minor,
      currency: invoice.currency,
      dueDate: invoice.due_date,
      step: send.step,
      failureMessage: send.failureMessage ?? null,
    }),
    at: opts.now.toISOString(),
    operator: opts.operator,
  })

/** Why an issued invoice's mail is not (or would not be) queued; null when it is. */
export const issuedBlocker = (settings: Settings, billingEmail: string): string | null => {
  if (!mailConfigured(settings.mail))
    return 'Email is not set up: enter the SMTP server and from address in Settings.'
  if (billingEmail === '') return 'The customer has no billing email: add one on the customer.'
  return null
}

/**
 * Queues the issued invoice's email (with its PDF, attached on delivery); nothing when mail is
 * not set up or the customer has no billing email. `step` 0 is the issue; a person's resend is
 * the next step, so each is its own message.
 */
export const queueIssued = (
  db: Database.Database,
  invoiceId: number,
  opts: QueueOptions & { resend?: boolean },
): { queued: boolean; reason: string | null } => {
  const invoice = db.prepare<[number], Target>(`${TARGET} WHERE i.id = ?`).get(invoiceId)
  if (!invoice || invoice.status === 'draft') return { queued: false, reason: 'not issued' }
  const settings = readSettingsNow(db)
  const reason = issuedBlocker(settings, invoice.billing_email)
  if (reason) return { queued: false, reason }
  const step = opts.resend
    ? String(
        db
          .prepare<[number], number>(
            `SELECT count(*) FROM mail_outbox WHERE invoice_id = ? AND template = 'invoice.issued'`,
          )
          .pluck()
          .get(invoiceId) ?? 0,
      )
    : '0'
  const queued = enqueueFor(db, settings, invoice, { template: 'invoice.issued', step }, opts)
  return { queued, reason: queued ? null : 'already queued' }
}

/**
 * The reminder step due today, if any: the latest threshold passed. A desktop closed over
 * several thresholds sends the latest one only, never a burst of stale reminders.
 */
export const reminderStep = (
  mail: MailSettings,
  dueDate: string,
  today: string,
): { template: 'payment.due' | 'payment.overdue'; step: number } | null => {
  if (today < dueDate) {
    const passed = mail.dueInDays.filter((n) => today >= addDays(dueDate, -n))
    const closest = passed[0]
    return closest === undefined ? null : { template: 'payment.due', step: closest }
  }
  const passed = mail.overdueAfterDays.filter((n) => today >= addDays(dueDate, n))
  const latest = passed[passed.length - 1]
  return latest === undefined ? null : { template: 'payment.overdue', step: latest }
}

/**
 * The tick's reminders (the in-app schedule and `meterbook tick` run this): for every unpaid
 * invoice of a customer with a billing email (but one a dispute holds, as it holds dunning), the step due today in the business time zone, and
 * a failed collection's notice once per failure. The unique (invoice, template, step) key makes a
 * second tick on the same day queue nothing.
 */
export const queueReminders = (db: Database.Database, opts: QueueOptions): { queued: number } => {
  const settings = readSettingsNow(db)
  if (!mailConfigured(settings.mail)) return { queued: 0 }
  const today = dayOf(opts.now, settings.businessTimeZone)
  let queued = 0
  const open = db
    .prepare<[], Target>(
      `${TARGET} WHERE i.status = 'finalized' AND i.due_date IS NOT NULL AND c.billing_email <> ''
         AND NOT ${heldByDispute('i.id')}
       ORDER BY i.id`,
    )
    .all()
  for (const invoice of open) {
    const due = reminderStep(settings.mail, invoice.due_date ?? '', today)
    if (!due) continue
    // A later step sent before (the sequence was changed since) makes an earlier one moot.
    const later = (
      due.template === 'payment.due' ? settings.mail.dueInDays : settings.mail.overdueAfterDays
    ).filter((n) => (due.template === 'payment.due' ? n < due.step : n > due.step))
    if (hasSend(db, invoice.id, due.template, later.map(String))) continue
    if (enqueueFor(db, settings, invoice, { template: due.template, step: String(due.step) }, opts))
      queued++
  }
  const failures = db
    .prepare<[], Target & { failure_id: number; message: string }>(
      `SELECT t.*, f.id AS failure_id, f.message FROM payment_failure f
       JOIN (${TARGET}) t ON t.id = f.invoice_id
       WHERE f.operation = 'invoice.collect' AND f.status = 'open' AND t.status = 'finalized'
         AND t.billing_email <> '' ORDER BY f.id`,
    )
    .all()
  for (const failure of failures) {
    const send = {
      template: 'payment.failed' as const,
      step: String(failure.failure_id),
      failureMessage: failure.message,
    }
    if (enqueueFor(db, settings, failure, send, opts)) queued++
  }
  return { queued }
}
