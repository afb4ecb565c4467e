import type Database from 'better-sqlite3'
import type { MailPassResult, MailTemplate } from '../../src-shared/domain/mail'
import { documentPdf } from '../invoices/documents'
import { findInvoiceRow } from '../invoices/invoice-store'
import { readSettingsNow } from '../settings/settings-service'
import {
  claimSend,
  dueSends,
  recordOutcome,
  staleClaims,
  type MailRow,
  type Outcome,
} from './mail-store'
import { renderMail, type MailFacts } from './templates'
import { classifySendError, type Mailer, type OutgoingMail } from './transport'

/**
 * The delivery rule per template, when a send's outcome is unknown (the connection dropped after
 * the message was handed over, a timeout, or a crash between sending and recording):
 * - `invoice.issued` is at-least-once: it is sent again. Missing an invoice costs more than a
 *   second copy, and the copy carries the same Message-ID, so mail clients show it once.
 * - the reminders (`payment.due`, `payment.overdue`) and `payment.failed` are at-most-once: the
 *   send is marked `uncertain` and waits for a person ("Retry now" in the mail outbox), because
 *   a customer dunned twice for one step is worse than one step late.
 * Failures that certainly delivered nothing (no connection, a refusal with an SMTP code) are
 * retried for every template.
 */
export const atLeastOnce: Record<MailTemplate, boolean> = {
  'invoice.issued': true,
  'payment.due': false,
  'payment.overdue': false,
  'payment.failed': false,
}

/** How long a claim holds: past it, the sending process is taken for dead. */
export const CLAIM_MS = 10 * 60_000
/** Backoff while the server cannot be reached: 1, 2, 4 … minutes, at most an hour. */
const backoffMs = (attempts: number): number =>
  Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000

export type DeliveryDeps = {
  db: Database.Database
  save: <T>(write: (tx: Database.Database) => T) => Promise<T>
  now: () => Date
  mailer: Mailer
  operator: string
}

const factsOf = (db: Database.Database, row: MailRow): MailFacts | null => {
  const invoice = row.invoice_id === null ? undefined : findInvoiceRow(db, row.invoice_id)
  if (!invoice) return null
  const settings = readSettingsNow(db)
  const failure =
    row.template === 'payment.failed'
      ? db
          .prepare<[number], string>('SELECT message FROM payment_failure WHERE id = ?')
          .pluck()
          .get(Number(row.step))
      : undefined
  return {
    companyName: settings.companyName || settings.mail.from,
    customerName: invoice.customer_name,
    invoiceNumber: invoice.number ?? `#${invoice.id}`,
    totalMinor: invoice.total_minor,
    currency: invoice.currency,
    dueDate: invoice.due_date,
    step: row.step,
    failureMessage: failure ?? null,
  }
}

/** The message of a send; the issued invoice carries its issued PDF (rendered from its snapshot). */
const compose = async (db: Database.Database, row: MailRow): Promise<OutgoingMail | null> => {
  const facts = factsOf(db, row)
  if (!facts) return null
  const rendered = renderMail(row.template, facts)
  const settings = readSettingsNow(db)
  const mail: OutgoingMail = {
    from: { name: facts.companyName, address: settings.mail.from },
    to: row.recipient,
    subject: row.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: row.message_id,
  }
  if (row.template === 'invoice.issued' && row.invoice_id !== null) {
    const { pdf, fileName } = await documentPdf(db, { id: row.invoice_id })
    mail.attachments = [{ filename: fileName, content: pdf, contentType: 'application/pdf' }]
  }
  return mail
}

/** Reminders about an invoice no longer open (paid, voided, written off) are called off. */
const stillWanted = (db: Database.Database, row: MailRow): boolean => {
  if (row.template === 'invoice.issued') return true
  const status = db
    .prepare<[number], string>('SELECT status FROM invoice WHERE id = ?')
    .pluck()
    .get(row.invoice_id ?? 0)
  return status === 'finalized'
}

const empty = (): MailPassResult => ({ queued: 0, sent: 0, deferred: 0, failed: 0, uncertain: 0 })

/**
 * One pass over the mail outbox: sends left mid-way by a stopped process are settled by the rule
 * above, then every due send is claimed (committed), delivered, and its outcome recorded.
 */
export const deliverMail = async (
  deps: DeliveryDeps,
  options: { takeAll: boolean },
): Promise<MailPassResult> => {
  const { db, save, now, mailer } = deps
  const result = empty()
  await save((tx) => {
    for (const row of staleClaims(tx, now().toISOString()))
      recordOutcome(
        tx,
        row.id,
        atLeastOnce[row.template]
          ? { status: 'pending', nextAttemptAt: now().toISOString(), error: 'interrupted' }
          : {
              status: 'uncertain',
              error: 'Interrupted while sending: it may have been delivered.',
            },
      )
  })
  const due = dueSends(db, now().toISOString(), options.takeAll)
  if (due.length === 0) return result
  try {
    await mailer.verify()
  } catch (error) {
    // Unreachable (offline) or refused sign-in: nothing left, everything stays queued.
    const message = error instanceof Error ? error.message : String(error)
    await save((tx) => {
      for (const row of due) {
        tx.prepare('UPDATE mail_outbox SET attempts = attempts + 1 WHERE id = ?').run(row.id)
        recordOutcome(tx, row.id, {
          status: 'pending',
          nextAttemptAt: new Date(now().getTime() + backoffMs(row.attempts + 1)).toISOString(),
          error: message,
        })
      }
    })
    result.deferred = due.length
    return result
  }
  for (const row of due) {
    const claimed = await save((tx) => {
      if (!stillWanted(tx, row)) {
        tx.prepare(`UPDATE mail_outbox SET status = 'canceled' WHERE id = ?`).run(row.id)
        return false
      }
      return claimSend(tx, row.id, {
        by: deps.operator,
        until: new Date(now().getTime() + CLAIM_MS).toISOString(),
      })
    })
    if (!claimed) continue
    const outcome = await deliverOne(deps, row)
    await save((tx) => recordOutcome(tx, row.id, outcome))
    if (outcome.status === 'sent') result.sent++
    else if (outcome.status === 'pending') result.deferred++
    else if (outcome.status === 'uncertain') result.uncertain++
    else result.failed++
  }
  return result
}

const deliverOne = async (deps: DeliveryDeps, row: MailRow): Promise<Outcome> => {
  const { db, now, mailer } = deps
  const mail = await compose(db, row)
  if (!mail) return { status: 'failed', error: 'The invoice is gone.' }
  try {
    const response = await mailer.send(mail)
    return { status: 'sent', at: now().toISOString(), response }
  } catch (error) {
    const failure = classifySendError(error)
    const retry: Outcome = {
      status: 'pending',
      nextAttemptAt: new Date(now().getTime() + backoffMs(row.attempts + 1)).toISOString(),
      error: failure.message,
    }
    if (failure.kind === 'unknown')
      return atLeastOnce[row.template]
        ? retry
        : { status: 'uncertain', error: `${failure.message} (it may have been delivered)` }
    // A permanent refusal (5xx: a bad address) is not retried; a temporary one (4xx) is.
    return failure.permanent ? { status: 'failed', error: failure.message } : retry
  }
}
