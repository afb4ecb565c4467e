import { inflateSync } from 'node:zlib'
import type Database from 'better-sqlite3'
import type { MailSettings } from '../../src-shared/domain/mail'
import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp/fake-smtp'
import { invoicesTestApp, type InvoicesTestApp } from './invoices-support'
import { textRuns } from './pdf-text'

export type MailTestApp = InvoicesTestApp & { smtp: FakeSmtp }

export const mailSettings = (port: number, more: Partial<MailSettings> = {}): MailSettings => ({
  host: '127.0.0.1',
  port,
  security: 'none',
  user: '',
  from: 'billing@meterbook.example',
  dueInDays: [3],
  overdueAfterDays: [7, 14, 30],
  ...more,
})

/**
 * The invoices test app (acme in USD, globex in EUR) with email set up against a local SMTP
 * server and acme's billing email `ap@acme.example`; globex has none.
 */
export const mailTestApp = async (
  options: {
    now?: string
    mail?: Partial<MailSettings>
    businessTimeZone?: string
    ledgerPath?: string
  } = {},
): Promise<MailTestApp> => {
  const smtp = await startFakeSmtp()
  const app = await invoicesTestApp({
    ...(options.now ? { now: options.now } : {}),
    ...(options.ledgerPath ? { ledgerPath: options.ledgerPath } : {}),
    settings: {
      mail: mailSettings(smtp.port, options.mail),
      ...(options.businessTimeZone ? { businessTimeZone: options.businessTimeZone } : {}),
    },
  })
  setBillingEmail(app.db, 'acme', 'ap@acme.example')
  return Object.assign(app, { smtp })
}

export const setBillingEmail = (db: Database.Database, customer: string, email: string): void => {
  db.prepare('UPDATE customer SET billing_email = ? WHERE external_id = ?').run(email, customer)
}

export const mailRows = (db: Database.Database) =>
  db
    .prepare<[], { template: string; step: string; status: string; attempts: number }>(
      'SELECT template, step, status, attempts FROM mail_outbox ORDER BY id',
    )
    .all()

/** The text of a compressed PDF as sent: each Flate stream inflated, then its text runs read. */
export const pdfText = (pdf: Buffer): string => {
  const raw = pdf.toString('latin1')
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
    const bytes = Buffer.from(m[1] ?? '', 'latin1')
    try {
      return inflateSync(bytes).toString('latin1')
    } catch {
      return bytes.toString('latin1')
    }
  })
  return textRuns(Buffer.from(streams.join('\n'), 'latin1')).join(' ')
}
