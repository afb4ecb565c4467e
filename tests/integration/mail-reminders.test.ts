import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { seedDraft } from './invoices-support'
import { mailRows, mailTestApp, type MailTestApp } from './mail-support'

let app: MailTestApp
afterEach(async () => {
  await app.close()
  await app.smtp.stop()
})

const pass = () => invoke(app.dispatch, 'mail:process', {})
const moveTo = (iso: string) =>
  app.clock.advance(new Date(iso).getTime() - app.clock.now().getTime())
const subjects = () => app.smtp.received.map((m) => m.subject)

/** An invoice finalized on 2027-01-17 (14 days' terms): due on the 31st. */
const issuedOn17th = async (options: { businessTimeZone?: string } = {}) => {
  app = await mailTestApp({ now: '2027-01-17T09:00:00.000Z', ...options })
  const id = seedDraft(app.db, { period: '2026-12' })
  const invoice = await invoke(app.dispatch, 'invoices:finalize', { id })
  expect(invoice.dueDate).toBe('2027-01-31')
  await pass()
  return { id, number: invoice.number ?? '' }
}

describe('reminders by email', () => {
  it('sends the due reminder and the overdue sequence on their days, each once', async () => {
    const { number } = await issuedOn17th()
    const days: [string, number][] = [
      ['2027-01-27T09:00:00.000Z', 0],
      ['2027-01-28T09:00:00.000Z', 1],
      ['2027-01-28T18:00:00.000Z', 0],
      ['2027-01-31T09:00:00.000Z', 0],
      ['2027-02-07T09:00:00.000Z', 1],
      ['2027-02-14T09:00:00.000Z', 1],
      ['2027-03-01T09:00:00.000Z', 0],
      ['2027-03-02T09:00:00.000Z', 1],
      ['2027-03-20T09:00:00.000Z', 0],
    ]
    const queued: number[] = []
    for (const [at] of days) {
      moveTo(at)
      queued.push((await pass()).queued)
    }
    expect(queued).toEqual(days.map(([, n]) => n))
    expect(subjects()).toEqual([
      `Invoice ${number} from Meterbook Demo GmbH`,
      `Payment reminder: invoice ${number} is due in 3 days`,
      `Overdue: invoice ${number} (7 days)`,
      `Overdue: invoice ${number} (14 days)`,
      `Overdue: invoice ${number} (30 days)`,
    ])
    expect(app.smtp.received[4]!.text).toContain('was due on 2027-01-31 and is now 30 days overdue')
  })

  it('sends no reminder while the invoice is disputed, and resumes once the dispute is rejected', async () => {
    const { id, number } = await issuedOn17th()
    const dispute = await invoke(app.dispatch, 'disputes:open', {
      invoiceId: id,
      reason: 'Wrong plan',
    })
    moveTo('2027-02-07T09:00:00.000Z')
    expect((await pass()).queued).toBe(0)
    await invoke(app.dispatch, 'disputes:review', { id: dispute.id, note: 'Checking the plan' })
    await invoke(app.dispatch, 'disputes:resolve', {
      id: dispute.id,
      resolution: 'rejected',
      note: 'The plan was right',
    })
    moveTo('2027-02-14T09:00:00.000Z')
    expect((await pass()).queued).toBe(1)
    expect(subjects()).toEqual([
      `Invoice ${number} from Meterbook Demo GmbH`,
      `Overdue: invoice ${number} (14 days)`,
    ])
  })

  it('counts days in the business time zone', async () => {
    await issuedOn17th({ businessTimeZone: 'Europe/Berlin' })
    moveTo('2027-02-14T09:00:00.000Z')
    await pass()
    // 23:30 UTC on March 1st is already March 2nd in Berlin: the 30-day step is due.
    moveTo('2027-03-01T23:30:00.000Z')
    expect((await pass()).queued).toBe(1)
    expect(mailRows(app.db).map((r) => `${r.template}:${r.step}`)).toEqual([
      'invoice.issued:0',
      'payment.overdue:14',
      'payment.overdue:30',
    ])
  })

  it('a desktop closed past several steps sends only the latest one', async () => {
    await issuedOn17th()
    moveTo('2027-02-20T09:00:00.000Z')
    await pass()
    moveTo('2027-02-21T09:00:00.000Z')
    await pass()
    expect(mailRows(app.db).map((r) => `${r.template}:${r.step}`)).toEqual([
      'invoice.issued:0',
      'payment.overdue:14',
    ])
  })

  it('sends no reminder for a paid invoice, and calls off one queued before the payment', async () => {
    const { id } = await issuedOn17th()
    moveTo('2027-02-07T09:00:00.000Z')
    await app.smtp.stop()
    expect(await pass()).toMatchObject({ queued: 1, deferred: 1 })
    await invoke(app.dispatch, 'invoices:mark-paid', { id, note: 'bank transfer' })
    await app.smtp.start()
    moveTo('2027-02-14T09:00:00.000Z')
    expect(await pass()).toMatchObject({ queued: 0, sent: 0 })
    expect(mailRows(app.db).map((r) => r.status)).toEqual(['sent', 'canceled'])
  })

  it('never sends a reminder twice when the line dropped after the server took it (at most once)', async () => {
    await issuedOn17th()
    moveTo('2027-02-07T09:00:00.000Z')
    app.smtp.dropAfterData(1)
    expect(await pass()).toMatchObject({ queued: 1, sent: 0, uncertain: 1 })
    expect(app.smtp.received).toHaveLength(2)
    moveTo('2027-02-08T09:00:00.000Z')
    expect(await pass()).toMatchObject({ queued: 0, sent: 0 })
    expect(app.smtp.received).toHaveLength(2)
    const outbox = await invoke(app.dispatch, 'mail:outbox', { status: 'uncertain' })
    expect(outbox.sends.map((s) => [s.template, s.step, s.attempts])).toEqual([
      ['payment.overdue', '7', 1],
    ])
    // A person who checked with the customer sends it anyway.
    await invoke(app.dispatch, 'mail:retry', { ids: outbox.sends.map((s) => s.id) })
    expect(await pass()).toMatchObject({ sent: 1 })
    expect(app.smtp.received).toHaveLength(3)
  })

  it('after a crash mid-send, resends the issued invoice but holds the reminder for a person', async () => {
    await issuedOn17th()
    moveTo('2027-02-07T09:00:00.000Z')
    await app.smtp.stop()
    await pass()
    await invoke(app.dispatch, 'mail:send-invoice', { invoiceId: 1, resend: true })
    // A process claimed both and died before it recorded anything.
    app.db
      .prepare(
        `UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1,
           claimed_until = '2027-02-07T09:05:00.000Z' WHERE status = 'pending'`,
      )
      .run()
    await app.smtp.start()
    moveTo('2027-02-07T10:00:00.000Z')
    expect(await pass()).toMatchObject({ sent: 1 })
    expect(mailRows(app.db).map((r) => `${r.template}:${r.step}:${r.status}`)).toEqual([
      'invoice.issued:0:sent',
      'payment.overdue:7:uncertain',
      'invoice.issued:1:sent',
    ])
  })

  it('tells the customer once of a failed collection from the retry queue', async () => {
    const { id, number } = await issuedOn17th()
    app.db
      .prepare(
        `INSERT INTO payment_failure (operation, customer_id, invoice_id, amount_minor, currency,
           error_type, message, strategy, attempts, max_attempts, status, context_json,
           created_at, updated_at)
         VALUES ('invoice.collect', 1, ?, 11900, 'USD', 'card_error', 'Your card was declined.',
           'manual', 1, 1, 'open', '{}', '2027-01-20', '2027-01-20')`,
      )
      .run(id)
    moveTo('2027-01-20T09:00:00.000Z')
    expect(await pass()).toMatchObject({ queued: 1, sent: 1 })
    moveTo('2027-01-21T09:00:00.000Z')
    expect(await pass()).toMatchObject({ queued: 0 })
    expect(subjects()[1]).toBe(`Payment failed for invoice ${number}`)
    expect(app.smtp.received[1]!.text).toContain(
      'We could not collect the payment of $119.00 for invoice',
    )
    expect(app.smtp.received[1]!.text).toContain(': Your card was declined.')
  })
})
