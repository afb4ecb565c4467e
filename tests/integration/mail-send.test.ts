import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { seedDraft } from './invoices-support'
import { mailRows, mailTestApp, pdfText, type MailTestApp } from './mail-support'

let app: MailTestApp
afterEach(async () => {
  await app.close()
  await app.smtp.stop()
})

const finalize = (id: number) => invoke(app.dispatch, 'invoices:finalize', { id })
const pass = () => invoke(app.dispatch, 'mail:process', {})
const minutes = (n: number) => app.clock.advance(n * 60_000)

describe('the issued invoice by email', () => {
  it('sends the finalized invoice to the billing email with its issued PDF attached', async () => {
    app = await mailTestApp()
    const id = seedDraft(app.db, { lines: [{ description: 'Starter plan', amountMinor: 10_000 }] })
    const invoice = await finalize(id)
    expect(mailRows(app.db)).toEqual([
      { template: 'invoice.issued', step: '0', status: 'pending', attempts: 0 },
    ])
    expect(await pass()).toMatchObject({ sent: 1, deferred: 0 })
    expect(app.smtp.received).toHaveLength(1)
    const mail = app.smtp.received[0]!
    expect(mail.to).toMatchObject({ text: 'ap@acme.example' })
    expect(mail.from).toMatchObject({ text: '"Meterbook Demo GmbH" <billing@meterbook.example>' })
    expect(mail.subject).toBe(`Invoice ${invoice.number} from Meterbook Demo GmbH`)
    expect(mail.messageId).toMatch(
      new RegExp(`^<invoice-${id}\\.invoice-issued-0\\..+@meterbook>$`),
    )
    // 100.00 + 19 % VAT, formatted as on the PDF.
    expect(mail.text).toContain(`invoice ${invoice.number} for $119.00`)
    expect(mail.text).toContain(`Payment is due on ${invoice.dueDate}.`)
    expect(mail.html).toContain('<p>Dear Acme Analytics,</p>')
    expect(mail.attachments).toHaveLength(1)
    const pdf = mail.attachments[0]!
    expect(pdf.contentType).toBe('application/pdf')
    expect(pdf.filename).toBe(`${invoice.number}.pdf`)
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdfText(pdf.content)).toContain(invoice.number)
    const log = await invoke(app.dispatch, 'mail:log', { invoiceId: id })
    expect(log.notQueuedReason).toBeNull()
    expect(log.sends.map((s) => [s.template, s.status, s.attempts])).toEqual([
      ['invoice.issued', 'sent', 1],
    ])
    // A second pass sends nothing more.
    expect(await pass()).toMatchObject({ sent: 0 })
    expect(app.smtp.received).toHaveLength(1)
  })

  it('queues nothing for a customer without a billing email, and the log says why', async () => {
    app = await mailTestApp()
    const id = seedDraft(app.db, { customer: 'globex' })
    await finalize(id)
    expect(mailRows(app.db)).toEqual([])
    const log = await invoke(app.dispatch, 'mail:log', { invoiceId: id })
    expect(log).toEqual({
      sends: [],
      notQueuedReason: 'The customer has no billing email: add one on the customer.',
    })
  })

  it('keeps the mail queued while the server is down and sends it once when it is back', async () => {
    app = await mailTestApp()
    await app.smtp.stop()
    const id = seedDraft(app.db)
    await finalize(id)
    expect(await pass()).toMatchObject({ sent: 0, deferred: 1 })
    expect(mailRows(app.db)).toEqual([
      { template: 'invoice.issued', step: '0', status: 'pending', attempts: 1 },
    ])
    await app.smtp.start()
    // Not due again before its backoff (1 minute) has passed.
    expect(await pass()).toMatchObject({ sent: 0, deferred: 0 })
    minutes(1)
    expect(await pass()).toMatchObject({ sent: 1 })
    minutes(60)
    expect(await pass()).toMatchObject({ sent: 0 })
    expect(app.smtp.received).toHaveLength(1)
    expect(mailRows(app.db)).toEqual([
      { template: 'invoice.issued', step: '0', status: 'sent', attempts: 2 },
    ])
  })

  it('sends an issued invoice again when the line dropped after the server took it (at least once, same Message-ID)', async () => {
    app = await mailTestApp()
    const id = seedDraft(app.db)
    await finalize(id)
    app.smtp.dropAfterData(1)
    expect(await pass()).toMatchObject({ sent: 0, deferred: 1 })
    minutes(1)
    expect(await pass()).toMatchObject({ sent: 1 })
    expect(app.smtp.received).toHaveLength(2)
    expect(app.smtp.received[1]!.messageId).toBe(app.smtp.received[0]!.messageId)
  })

  it('resends a finalized invoice on request as a new message', async () => {
    app = await mailTestApp()
    const id = seedDraft(app.db)
    await finalize(id)
    await pass()
    expect(await invoke(app.dispatch, 'mail:send-invoice', { invoiceId: id })).toEqual({
      queued: false,
      reason: 'already queued',
    })
    await invoke(app.dispatch, 'mail:send-invoice', { invoiceId: id, resend: true })
    await pass()
    expect(app.smtp.received.map((m) => m.messageId?.split('.')[1])).toEqual([
      'invoice-issued-0',
      'invoice-issued-1',
    ])
  })
})
