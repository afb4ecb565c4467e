import nodemailer from 'nodemailer'
import type { MailSettings } from '../../src-shared/domain/mail'

export type OutgoingMail = {
  from: string | { name: string; address: string }
  to: string
  subject: string
  text: string
  html: string
  messageId?: string
  attachments?: { filename: string; content: Buffer; contentType: string }[]
}

/** Where a delivery stands after a failure. */
export type DeliveryFailure = {
  /**
   * `not_sent`: the server was never reached, or refused (an SMTP reply code): safe to retry.
   * `unknown`: the conversation broke after it began (a dropped connection, a timeout): the
   * server may have accepted the message.
   */
  kind: 'not_sent' | 'unknown'
  /** A 5xx refusal: sending again would be refused again. */
  permanent: boolean
  message: string
}

export type Mailer = {
  /** Connects and signs in, sending nothing: a failure here is certainly not a delivery. */
  verify: () => Promise<void>
  /** Delivers one message; resolves with the server's reply. */
  send: (mail: OutgoingMail) => Promise<string>
  close: () => void
}

export type SmtpOptions = {
  settings: MailSettings
  password: string | undefined
  timeoutMs: number
}

/** A nodemailer SMTP transport on the settings: implicit TLS, required STARTTLS, or plain. */
export const smtpMailer = ({ settings, password, timeoutMs }: SmtpOptions): Mailer => {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    ...(settings.user ? { auth: { user: settings.user, pass: password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // One message per connection: each send's outcome is its own.
    pool: false,
  })
  return {
    verify: async () => {
      await transport.verify()
    },
    send: async (mail) => {
      const info = (await transport.sendMail(mail)) as { response?: unknown }
      return typeof info.response === 'string' ? info.response : ''
    },
    close: () => transport.close(),
  }
}

/** The SMTP reply code of a refusal, if the server answered with one. */
const replyCode = (error: unknown): number | null => {
  if (typeof error !== 'object' || error === null || !('responseCode' in error)) return null
  const code = error.responseCode
  return typeof code === 'number' ? code : null
}

/**
 * A failure of `send`, after `verify` succeeded. A reply code (4xx, 5xx) is the server refusing
 * the message: not delivered. No reply (the socket closed, a timeout) after the message began
 * may hide a delivery the server made but we never heard of.
 */
export const classifySendError = (error: unknown): DeliveryFailure => {
  const code = replyCode(error)
  return {
    kind: code === null ? 'unknown' : 'not_sent',
    permanent: code !== null && code >= 500,
    message: error instanceof Error ? error.message : String(error),
  }
}
