import type { MailTemplate } from '../../src-shared/domain/mail'
import { formatMinor } from '../../src-shared/money'

/** What a template needs about the invoice: read when the mail is delivered, from the ledger. */
export type MailFacts = {
  companyName: string
  customerName: string
  invoiceNumber: string
  totalMinor: number
  currency: string
  dueDate: string | null
  /** The reminder's day count, or the failure's message for a failed payment. */
  step: string
  failureMessage: string | null
}

export type RenderedMail = { subject: string; text: string; html: string }

/** The same amount text as the issued PDF's (the shared money module, en-US). */
const amount = (f: MailFacts): string => formatMinor(f.totalMinor, f.currency, 'en-US')

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const days = (n: string): string => (n === '1' ? '1 day' : `${n} days`)

/** The paragraphs of each template, in plain words; the HTML form is built from the same text. */
const paragraphs: Record<MailTemplate, (f: MailFacts) => string[]> = {
  'invoice.issued': (f) => [
    `Please find attached invoice ${f.invoiceNumber} for ${amount(f)}.`,
    f.dueDate ? `Payment is due on ${f.dueDate}.` : 'Payment is due on receipt.',
  ],
  'payment.due': (f) => [
    `This is a reminder that invoice ${f.invoiceNumber} for ${amount(f)} is due in ${days(f.step)}, on ${f.dueDate ?? 'its due date'}.`,
    'If you have already paid, please disregard this message.',
  ],
  'payment.overdue': (f) => [
    `Invoice ${f.invoiceNumber} for ${amount(f)} was due on ${f.dueDate ?? 'its due date'} and is now ${days(f.step)} overdue.`,
    'Please arrange payment at your earliest convenience, or let us know if something is wrong with the invoice.',
  ],
  'payment.failed': (f) => [
    `We could not collect the payment of ${amount(f)} for invoice ${f.invoiceNumber}${f.failureMessage ? `: ${f.failureMessage}` : '.'}`,
    'Please check your payment method; we will try again.',
  ],
}

const subjects: Record<MailTemplate, (f: MailFacts) => string> = {
  'invoice.issued': (f) => `Invoice ${f.invoiceNumber} from ${f.companyName}`,
  'payment.due': (f) => `Payment reminder: invoice ${f.invoiceNumber} is due in ${days(f.step)}`,
  'payment.overdue': (f) => `Overdue: invoice ${f.invoiceNumber} (${days(f.step)})`,
  'payment.failed': (f) => `Payment failed for invoice ${f.invoiceNumber}`,
}

export const subjectOf = (template: MailTemplate, facts: MailFacts): string =>
  subjects[template](facts)

/** A template filled in: plain text and a simple HTML alternative saying the same. */
export const renderMail = (template: MailTemplate, facts: MailFacts): RenderedMail => {
  const greeting = `Dear ${facts.customerName},`
  const body = paragraphs[template](facts)
  const closing = ['Kind regards,', facts.companyName]
  return {
    subject: subjects[template](facts),
    text: [greeting, '', ...body.flatMap((p) => [p, '']), ...closing].join('\n'),
    html: [
      '<!doctype html><html><body style="font-family: sans-serif">',
      `<p>${escapeHtml(greeting)}</p>`,
      ...body.map((p) => `<p>${escapeHtml(p)}</p>`),
      `<p>${closing.map(escapeHtml).join('<br>')}</p>`,
      '</body></html>',
    ].join('\n'),
  }
}

/** The test email of Settings. */
export const testMail = (companyName: string): RenderedMail => ({
  subject: `Test email from ${companyName}`,
  text: `This is a test email from Meterbook for ${companyName}: the SMTP settings work.`,
  html: `<p>This is a test email from Meterbook for ${escapeHtml(companyName)}: the SMTP settings work.</p>`,
})
