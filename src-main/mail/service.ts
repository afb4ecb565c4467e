import type Database from 'better-sqlite3'
import type { MailPassResult } from '../../src-shared/domain/mail'
import type { Ledger } from '../db/ledger'
import { AppError } from '../errors'
import { onInvoiceEvent } from '../invoices/invoice-events'
import type { InTurn } from '../ipc/turns'
import type { Platform } from '../platform/platform'
import { readSettingsNow } from '../settings/settings-service'
import { deliverMail } from './delivery'
import { mailConfigured, queueIssued, queueReminders } from './queue'
import { testMail } from './templates'
import { smtpMailer, type Mailer } from './transport'

export type MailDeps = {
  ledger: Ledger
  platform: Platform
  inTurn: InTurn
  now: () => Date
  logError: (message: string, error: unknown) => void
  /** Milliseconds before the SMTP server counts as unreachable (tests shorten it). */
  timeoutMs?: number
}

/** The mail side of the app: the issued invoice queued on finalization, reminders, delivery. */
export type Mail = {
  /** Queues the reminders due now, then delivers what is due (`meterbook tick`, the timer). */
  pass: (options?: { takeAll?: boolean; operator?: string }) => Promise<MailPassResult>
  /** Sends the test email straight away (not through the outbox); resolves with the reply. */
  test: (to: string) => Promise<string>
  /** Passes every few minutes while the app is open (the long-running hosts). */
  start: () => void
  stop: () => Promise<void>
}

export const notConfigured = (): AppError =>
  new AppError(
    'mail_not_configured',
    'Email is not set up: enter the SMTP server and from address in Settings.',
  )

/** Minutes between passes while the app is open: reminders are a matter of days. */
const PASS_MINUTES = 5

export const createMail = (deps: MailDeps): Mail => {
  const { ledger, platform, inTurn, now, logError } = deps
  const db = ledger.db
  const timeoutMs = deps.timeoutMs ?? 15_000
  // Finalized invoices get their email queued in the transaction that finalized them.
  const unsubscribe = onInvoiceEvent(db, (tx, event, opts) => {
    if (event.type === 'invoice.finalized') queueIssued(tx, event.invoiceId, opts)
    return false
  })
  const save = <T>(write: (tx: Database.Database) => T): Promise<T> =>
    inTurn(() => Promise.resolve(db.transaction(write).immediate(db)))

  const mailer = (): Mailer => {
    const settings = readSettingsNow(db).mail
    if (!mailConfigured(settings)) throw notConfigured()
    return smtpMailer({ settings, password: platform.readSecret('smtp-password'), timeoutMs })
  }

  let passing: Promise<MailPassResult> | null = null
  const pass = (options: { takeAll?: boolean; operator?: string } = {}) => {
    passing ??= (async () => {
      const operator = options.operator ?? platform.operator
      const { queued } = await save((tx) => queueReminders(tx, { now: now(), operator }))
      if (!mailConfigured(readSettingsNow(db).mail))
        return { queued, sent: 0, deferred: 0, failed: 0, uncertain: 0 }
      const client = mailer()
      try {
        const delivered = await deliverMail(
          { db, save, now, mailer: client, operator },
          { takeAll: options.takeAll ?? false },
        )
        return { ...delivered, queued }
      } finally {
        client.close()
      }
    })().finally(() => {
      passing = null
    })
    return passing
  }

  const test = async (to: string): Promise<string> => {
    const settings = readSettingsNow(db)
    const client = mailer()
    try {
      const body = testMail(settings.companyName || settings.mail.from)
      return await client.send({ from: settings.mail.from, to, ...body })
    } catch (error) {
      throw new AppError(
        'mail_unavailable',
        `The test email could not be sent: ${error instanceof Error ? error.message : String(error)}`,
      )
    } finally {
      client.close()
    }
  }

  let timer: NodeJS.Timeout | null = null
  let stopped = false
  const schedule = (): void => {
    if (stopped) return
    timer = setTimeout(() => {
      pass({ operator: 'scheduler' })
        .catch((error: unknown) => {
          // No settings or no server is normal offline life, not a crash.
          if (!(error instanceof AppError)) logError('Scheduled mail work failed', error)
        })
        .finally(schedule)
    }, PASS_MINUTES * 60_000)
    timer.unref()
  }

  return {
    pass,
    test,
    start: schedule,
    stop: async () => {
      stopped = true
      if (timer) clearTimeout(timer)
      unsubscribe()
      await passing?.catch(() => undefined)
    },
  }
}
