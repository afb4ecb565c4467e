import type Database from 'better-sqlite3'
import type { InvoiceMailLog, MailStatus } from '../../src-shared/domain/mail'
import type { Ledger } from '../db/ledger'
import { AppError } from '../errors'
import type { HandlersFor, MutationCtx } from '../ipc/handlers-types'
import type { Platform } from '../platform/platform'
import { readSettingsNow } from '../settings/settings-service'
import { invoiceSends, listSends, requeue, sendCounts } from './mail-store'
import { issuedBlocker, mailConfigured, queueIssued } from './queue'
import type { Mail } from './service'

const statusOf = (db: Database.Database, platform: Platform): MailStatus => ({
  configured: mailConfigured(readSettingsNow(db).mail),
  passwordSet: platform.readSecret('smtp-password') !== undefined,
  passwordSource: platform.secretSource('smtp-password'),
  canStorePassword: platform.canStoreSecrets,
  counts: sendCounts(db),
})

const invoiceLog = (db: Database.Database, invoiceId: number): InvoiceMailLog => {
  const invoice = db
    .prepare<[number], { status: string; billing_email: string }>(
      `SELECT i.status, c.billing_email FROM invoice i JOIN customer c ON c.id = i.customer_id
       WHERE i.id = ?`,
    )
    .get(invoiceId)
  if (!invoice) throw new AppError('not_found', `There is no invoice ${invoiceId}.`)
  const sends = invoiceSends(db, invoiceId)
  const issuedSent = sends.some((s) => s.template === 'invoice.issued')
  const notQueuedReason =
    invoice.status === 'draft' || issuedSent
      ? null
      : (issuedBlocker(readSettingsNow(db), invoice.billing_email) ??
        'It was issued before email was set up: send it from here.')
  return { sends, notQueuedReason }
}

/** Email: the SMTP password (a secret like the Stripe key), the test email, the outbox, sends. */
export const mailHandlers = (
  ledger: Ledger,
  platform: Platform,
  mail: Mail,
): HandlersFor<'mail'> => {
  const { db } = ledger

  /** Stores or forgets the password; the audit says only whether one is set, never its text. */
  const changePassword = async (password: string | null, ctx: MutationCtx): Promise<MailStatus> => {
    const before = statusOf(db, platform)
    platform.writeSecret('smtp-password', password)
    const after = statusOf(db, platform)
    await ctx.audit({
      entityType: 'settings',
      entityId: 'smtp-password',
      before: { passwordSet: before.passwordSet, source: before.passwordSource },
      after: { passwordSet: after.passwordSet, source: after.passwordSource },
    })
    return after
  }

  return {
    'mail:status': () => Promise.resolve(statusOf(db, platform)),
    'mail:set-password': ({ password }, ctx) => changePassword(password, ctx),
    'mail:clear-password': (_input, ctx) => changePassword(null, ctx),
    'mail:test': async ({ to }) => {
      try {
        const reply = await mail.test(to)
        return { ok: true, message: `Sent to ${to}. The server answered: ${reply}` }
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        return { ok: false, message: error.message }
      }
    },
    'mail:log': ({ invoiceId }) => Promise.resolve(invoiceLog(db, invoiceId)),
    'mail:outbox': (query) =>
      Promise.resolve({ sends: listSends(db, query), counts: sendCounts(db) }),
    'mail:retry': async ({ ids }, ctx) => {
      const requeued = requeue(db, ids)
      await ctx.audit({
        entityType: 'mail',
        entityId: requeued.map(String).join(',') || 'none',
        before: null,
        after: { requeued },
      })
      return { requeued: requeued.length }
    },
    'mail:process': ({ takeAll }, ctx) =>
      mail.pass({ takeAll: takeAll ?? false, operator: ctx.operator }),
    'mail:send-invoice': async ({ invoiceId, resend }, ctx) => {
      const status = db
        .prepare<[number], string>('SELECT status FROM invoice WHERE id = ?')
        .pluck()
        .get(invoiceId)
      if (status === undefined) throw new AppError('not_found', `There is no invoice ${invoiceId}.`)
      if (status === 'draft')
        throw new AppError('conflict', `Invoice ${invoiceId} is a draft: finalize it first.`)
      const result = queueIssued(db, invoiceId, {
        now: ctx.now(),
        operator: ctx.operator,
        resend: resend ?? false,
      })
      if (!result.queued && result.reason !== 'already queued')
        throw new AppError('conflict', result.reason ?? 'Not queued.')
      await ctx.audit({
        entityType: 'invoice',
        entityId: String(invoiceId),
        before: null,
        after: { emailQueued: result.queued, resend: resend ?? false },
      })
      return result
    },
  }
}
