import type Database from 'better-sqlite3'
import type {
  MailSend,
  MailSendStatus,
  MailTemplate,
  MailOutboxQuery,
} from '../../src-shared/domain/mail'
import { mailStatuses } from '../../src-shared/domain/mail'
import { ledgerKeyId } from '../payments/outbox'

/** The mail outbox's rows: the one module that holds its SQL. */

export type MailRow = {
  id: number
  invoice_id: number | null
  customer_id: number | null
  template: MailTemplate
  step: string
  message_id: string
  recipient: string
  subject: string
  status: MailSendStatus
  attempts: number
  next_attempt_at: string | null
  claimed_until: string | null
  last_error: string | null
  created_at: string
  sent_at: string | null
  invoice_number: string | null
}

const SELECT = `SELECT m.id, m.invoice_id, m.customer_id, m.template, m.step, m.message_id,
    m.recipient, m.subject, m.status, m.attempts, m.next_attempt_at, m.claimed_until,
    m.last_error, m.created_at, m.sent_at, i.number AS invoice_number
  FROM mail_outbox m LEFT JOIN invoice i ON i.id = m.invoice_id`

/**
 * The Message-ID of a send, from our own ids (and this ledger's, so two ledgers sending for one
 * domain never collide): the same send always carries the same id, so a copy delivered twice is
 * recognisable as one message.
 */
export const messageIdOf = (
  db: Database.Database,
  invoiceId: number,
  template: MailTemplate,
  step: string,
): string =>
  `<invoice-${invoiceId}.${template.replace('.', '-')}-${step}.${ledgerKeyId(db)}@meterbook>`

export type NewSend = {
  invoiceId: number
  customerId: number
  template: MailTemplate
  step: string
  recipient: string
  subject: string
  at: string
  operator: string
}

/** Records a send before anything is delivered; false when the same send was queued before. */
export const enqueueMail = (db: Database.Database, send: NewSend): boolean =>
  db
    .prepare(
      `INSERT INTO mail_outbox (invoice_id, customer_id, template, step, message_id, recipient,
         subject, status, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
       ON CONFLICT (invoice_id, template, step) DO NOTHING`,
    )
    .run(
      send.invoiceId,
      send.customerId,
      send.template,
      send.step,
      messageIdOf(db, send.invoiceId, send.template, send.step),
      send.recipient,
      send.subject,
      send.at,
      send.operator,
    ).changes === 1

/** Whether any send of this template and step exists for the invoice (the tick's check). */
export const hasSend = (
  db: Database.Database,
  invoiceId: number,
  template: MailTemplate,
  steps?: readonly string[],
): boolean =>
  db
    .prepare<[number, string], string>(
      'SELECT step FROM mail_outbox WHERE invoice_id = ? AND template = ?',
    )
    .pluck()
    .all(invoiceId, template)
    .some((step) => steps === undefined || steps.includes(step))

/** Sends whose time has come (all pending ones when a person asks to send now). */
export const dueSends = (db: Database.Database, now: string, takeAll: boolean): MailRow[] =>
  db
    .prepare<[{ now: string; all: number }], MailRow>(
      `${SELECT} WHERE m.status = 'pending'
         AND (@all = 1 OR m.next_attempt_at IS NULL OR m.next_attempt_at <= @now) ORDER BY m.id`,
    )
    .all({ now, all: takeAll ? 1 : 0 })

/** Sends left `sending` by a process that stopped (its claim ran out). */
export const staleClaims = (db: Database.Database, now: string): MailRow[] =>
  db
    .prepare<[string], MailRow>(
      `${SELECT} WHERE m.status = 'sending' AND m.claimed_until < ? ORDER BY m.id`,
    )
    .all(now)

export const getSend = (db: Database.Database, id: number): MailRow | undefined =>
  db.prepare<[number], MailRow>(`${SELECT} WHERE m.id = ?`).get(id)

/** Takes a send for delivery (committed before the SMTP conversation starts); false if taken. */
export const claimSend = (
  db: Database.Database,
  id: number,
  claim: { by: string; until: string },
): boolean =>
  db
    .prepare(
      `UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, claimed_by = ?,
         claimed_until = ? WHERE id = ? AND status = 'pending'`,
    )
    .run(claim.by, claim.until, id).changes === 1

export type Outcome =
  | { status: 'sent'; at: string; response: string }
  | { status: 'pending'; nextAttemptAt: string; error: string }
  | { status: 'failed' | 'uncertain'; error: string }

export const recordOutcome = (db: Database.Database, id: number, outcome: Outcome): void => {
  db.prepare(
    `UPDATE mail_outbox SET status = @status, claimed_by = NULL, claimed_until = NULL,
       sent_at = @sentAt, smtp_response = @response, next_attempt_at = @next, last_error = @error
     WHERE id = @id`,
  ).run({
    id,
    status: outcome.status,
    sentAt: outcome.status === 'sent' ? outcome.at : null,
    response: outcome.status === 'sent' ? outcome.response : null,
    next: outcome.status === 'pending' ? outcome.nextAttemptAt : null,
    error: outcome.status === 'sent' ? null : outcome.error,
  })
}

/** A person's "retry now": failed and uncertain sends go back in the queue, due at once. */
export const requeue = (db: Database.Database, ids: readonly number[]): number[] =>
  ids.filter(
    (id) =>
      db
        .prepare(
          `UPDATE mail_outbox SET status = 'pending', next_attempt_at = NULL
           WHERE id = ? AND status IN ('failed', 'uncertain', 'pending')`,
        )
        .run(id).changes === 1,
  )

export const toSend = (row: MailRow): MailSend => ({
  id: row.id,
  invoiceId: row.invoice_id,
  invoiceNumber: row.invoice_number,
  template: row.template,
  step: row.step,
  messageId: row.message_id,
  recipient: row.recipient,
  subject: row.subject,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastError: row.last_error,
  createdAt: row.created_at,
  sentAt: row.sent_at,
})

export const invoiceSends = (db: Database.Database, invoiceId: number): MailSend[] =>
  db
    .prepare<[number], MailRow>(`${SELECT} WHERE m.invoice_id = ? ORDER BY m.id`)
    .all(invoiceId)
    .map(toSend)

export const listSends = (
  db: Database.Database,
  query: MailOutboxQuery & { limit: number },
): MailSend[] =>
  (query.status
    ? db
        .prepare<[string, number], MailRow>(
          `${SELECT} WHERE m.status = ? ORDER BY m.id DESC LIMIT ?`,
        )
        .all(query.status, query.limit)
    : db.prepare<[number], MailRow>(`${SELECT} ORDER BY m.id DESC LIMIT ?`).all(query.limit)
  ).map(toSend)

export const sendCounts = (db: Database.Database): Record<MailSendStatus, number> => {
  const counts = Object.fromEntries(mailStatuses.map((s) => [s, 0])) as Record<
    MailSendStatus,
    number
  >
  for (const row of db
    .prepare<[], { status: MailSendStatus; n: number }>(
      'SELECT status, count(*) AS n FROM mail_outbox GROUP BY status',
    )
    .all())
    counts[row.status] = row.n
  return counts
}
