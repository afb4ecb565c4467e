import { z } from 'zod'

/** How the connection to the SMTP server is secured: TLS from the start, upgraded, or not at all. */
export const SmtpSecuritySchema = z.enum(['tls', 'starttls', 'none'])
export type SmtpSecurity = z.infer<typeof SmtpSecuritySchema>

const Days = z.array(z.int().min(1, 'must be 1 to 365').max(365, 'must be 1 to 365')).max(10)
const ascending = (days: number[]): boolean =>
  days.every((d, i) => i === 0 || d > (days[i - 1] ?? 0))

/**
 * The SMTP server and the reminder sequence. The password is not here: it is a secret, stored like
 * the Stripe key (mail:set-password). Mail counts as set up once host and from address are given.
 */
export const MailSettingsSchema = z.strictObject({
  host: z.string().trim().max(253),
  port: z.int().min(1, 'must be 1 to 65535').max(65_535, 'must be 1 to 65535'),
  security: SmtpSecuritySchema,
  user: z.string().trim().max(320),
  from: z.union([z.literal(''), z.email('must be a valid email address')]),
  /** Payment due in N days: a reminder this many days before the due date (business days count). */
  dueInDays: Days.refine(ascending, 'must list each day once, smallest first'),
  /** Overdue after N days: the sequence of reminders after the due date. */
  overdueAfterDays: Days.refine(ascending, 'must list each day once, smallest first'),
})
export type MailSettings = z.infer<typeof MailSettingsSchema>

export const defaultMailSettings: MailSettings = {
  host: '',
  port: 587,
  security: 'starttls',
  user: '',
  from: '',
  dueInDays: [3],
  overdueAfterDays: [7, 14, 30],
}

export const mailTemplates = [
  'invoice.issued',
  'payment.due',
  'payment.overdue',
  'payment.failed',
] as const
export type MailTemplate = (typeof mailTemplates)[number]

export const mailStatuses = [
  'pending',
  'sending',
  'sent',
  'failed',
  'uncertain',
  'canceled',
] as const
export type MailSendStatus = (typeof mailStatuses)[number]

/** One send in the mail outbox (or an invoice's log). */
export type MailSend = {
  id: number
  invoiceId: number | null
  invoiceNumber: string | null
  template: MailTemplate
  step: string
  messageId: string
  recipient: string
  subject: string
  status: MailSendStatus
  attempts: number
  nextAttemptAt: string | null
  lastError: string | null
  createdAt: string
  sentAt: string | null
}

/** An invoice's emails, and, when nothing was queued on issue, why. */
export type InvoiceMailLog = { sends: MailSend[]; notQueuedReason: string | null }

export type MailStatus = {
  /** Host and from address are set. */
  configured: boolean
  passwordSet: boolean
  passwordSource: 'stored' | 'session' | 'environment' | null
  canStorePassword: boolean
  counts: Record<MailSendStatus, number>
}

export type MailPassResult = {
  queued: number
  sent: number
  /** Failed for now; tried again later (an unreachable server). */
  deferred: number
  /** Gave up, or may have been delivered (a reminder is then left to a person). */
  failed: number
  uncertain: number
}

export const MailOutboxQuerySchema = z.strictObject({
  status: z.enum(mailStatuses).optional(),
  limit: z.int().min(1).max(500).default(100),
})
export type MailOutboxQuery = z.input<typeof MailOutboxQuerySchema>
