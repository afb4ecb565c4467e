import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import type { Channel, In } from '../../src-shared/ipc/contract'
import { creditBalance, invoicesTestApp, seedDraft, type InvoicesTestApp } from './invoices-support'

let app: InvoicesTestApp
beforeEach(async () => {
  app = await invoicesTestApp()
})
afterEach(() => app.close())

/** Acme's October invoice: plan 100.00 + usage 25.00, 19% VAT (23.75): 148.75 in all. */
const finalizedInvoice = async (): Promise<{ id: number; planLine: number; usageLine: number }> => {
  const id = seedDraft(app.db, {
    lines: [
      { description: 'Starter plan', amountMinor: 10_000, kind: 'base' },
      { description: 'API calls', amountMinor: 2_500, kind: 'usage' },
    ],
  })
  await invoke(app.dispatch, 'invoices:finalize', { id })
  const lines = app.db
    .prepare<[number], number>('SELECT id FROM invoice_line WHERE invoice_id = ? ORDER BY position')
    .pluck()
    .all(id)
  return { id, planLine: lines[0]!, usageLine: lines[1]! }
}

/** The refusal a call ends with: its code and the fields it names. */
const refusal = async <C extends Channel>(channel: C, input: In<C>) => {
  const result = await app.dispatch(channel, input)
  if (result.ok) throw new Error(`${channel} was not refused`)
  return result.error
}

const auditActions = (): string[] =>
  app.db
    .prepare<[], string>(
      "SELECT action || ' ' || entity_type FROM audit_entry WHERE action LIKE 'disputes:%' ORDER BY id",
    )
    .pluck()
    .all()

describe('disputes flagged by a person', () => {
  it('accepting a disputed line issues a credit note for its amount plus tax, to the balance', async () => {
    const { id, usageLine } = await finalizedInvoice()
    const opened = await invoke(app.dispatch, 'disputes:open', {
      invoiceId: id,
      lineId: usageLine,
      reason: 'Usage counted twice',
      contact: 'Jane Doe <jane@acme.example>',
      deadline: '2026-11-20',
    })
    expect(opened).toMatchObject({
      status: 'open',
      source: 'manual',
      amountMinor: 2_500,
      currency: 'USD',
      lineDescription: 'API calls',
      contact: 'Jane Doe <jane@acme.example>',
      deadline: '2026-11-20',
      overdue: false,
    })
    await invoke(app.dispatch, 'disputes:review', { id: opened.id, note: 'Checking the logs' })
    const resolved = await invoke(app.dispatch, 'disputes:resolve', {
      id: opened.id,
      resolution: 'accepted',
      note: 'Events were imported twice',
    })
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolution: 'accepted',
      creditNoteNumber: 'CN-2026-000001',
    })
    const invoice = await invoke(app.dispatch, 'invoices:get', { id })
    expect(invoice.creditNotes).toMatchObject([
      {
        subtotalMinor: 2_500,
        taxMinor: 475,
        totalMinor: 2_975,
        settlement: 'credit_balance',
        lines: [{ description: 'Disputed: API calls', amountMinor: 2_500 }],
      },
    ])
    // The invoice itself never changes: 148.75 charged, 29.75 of it credited back.
    expect(invoice.totalMinor).toBe(14_875)
    expect(creditBalance(app.db, 'acme')).toBe(2_975)
    expect(resolved.history.map((s) => [s.step, s.status, s.note])).toEqual([
      ['opened', 'open', 'Usage counted twice'],
      ['review', 'under_review', 'Checking the logs'],
      ['resolved', 'resolved', 'Events were imported twice'],
    ])
    expect(resolved.history.every((s) => s.at === '2026-11-03T09:00:00.000Z')).toBe(true)
    expect(auditActions()).toEqual([
      'disputes:open dispute',
      'disputes:review dispute',
      'disputes:resolve invoice',
      'disputes:resolve dispute',
    ])
  })

  it('disputes the whole invoice before tax by default, and credits part of it with its tax', async () => {
    const { id } = await finalizedInvoice()
    const whole = await invoke(app.dispatch, 'disputes:open', {
      invoiceId: id,
      reason: 'Wrong plan',
    })
    expect(whole.amountMinor).toBe(12_500)
    expect(whole.lineId).toBeNull()
    const other = seedDraft(app.db, { period: '2026-09' })
    await invoke(app.dispatch, 'invoices:finalize', { id: other })
    const part = await invoke(app.dispatch, 'disputes:open', {
      invoiceId: other,
      reason: 'Half the month was a trial',
      amountMinor: 5_000,
    })
    await invoke(app.dispatch, 'disputes:review', { id: part.id, note: 'Trial confirmed' })
    await invoke(app.dispatch, 'disputes:resolve', { id: part.id, resolution: 'accepted' })
    expect((await invoke(app.dispatch, 'invoices:get', { id: other })).creditNotes).toMatchObject([
      { subtotalMinor: 5_000, taxMinor: 950, totalMinor: 5_950 },
    ])
    expect(creditBalance(app.db, 'acme')).toBe(5_950)
  })

  it('a rejected dispute needs a note and issues nothing', async () => {
    const { id } = await finalizedInvoice()
    const d = await invoke(app.dispatch, 'disputes:open', {
      invoiceId: id,
      reason: 'Too expensive',
    })
    await invoke(app.dispatch, 'disputes:review', { id: d.id, note: 'Reading the contract' })
    expect(await refusal('disputes:resolve', { id: d.id, resolution: 'rejected' })).toMatchObject({
      code: 'validation_failed',
      fields: { note: 'must say why the dispute is rejected' },
    })
    const rejected = await invoke(app.dispatch, 'disputes:resolve', {
      id: d.id,
      resolution: 'rejected',
      note: 'Priced as signed',
    })
    expect(rejected).toMatchObject({
      status: 'resolved',
      resolution: 'rejected',
      creditNoteId: null,
    })
    expect((await invoke(app.dispatch, 'invoices:get', { id })).creditNotes).toEqual([])
    expect(creditBalance(app.db, 'acme')).toBe(0)
  })

  it('refuses steps out of order, naming the field', async () => {
    const { id, planLine } = await finalizedInvoice()
    const draft = seedDraft(app.db, { period: '2026-09' })
    expect(await refusal('disputes:open', { invoiceId: draft, reason: 'x' })).toMatchObject({
      code: 'conflict',
      fields: { invoiceId: 'the invoice is draft' },
    })
    const voided = seedDraft(app.db, { period: '2026-08' })
    await invoke(app.dispatch, 'invoices:finalize', { id: voided })
    await invoke(app.dispatch, 'invoices:void', { id: voided, reason: 'Issued by mistake' })
    expect(await refusal('disputes:open', { invoiceId: voided, reason: 'x' })).toMatchObject({
      fields: { invoiceId: 'the invoice is void' },
    })
    expect(
      await refusal('disputes:open', {
        invoiceId: id,
        lineId: planLine,
        reason: 'x',
        amountMinor: 10_001,
      }),
    ).toMatchObject({
      code: 'validation_failed',
      fields: { amountMinor: 'must be at most $100.00' },
    })
    expect(
      await refusal('disputes:open', { invoiceId: id, reason: 'x', amountMinor: 12_501 }),
    ).toMatchObject({ fields: { amountMinor: 'must be at most $125.00' } })
    expect(
      await refusal('disputes:open', { invoiceId: draft, lineId: planLine, reason: 'x' }),
    ).toMatchObject({ fields: { invoiceId: 'the invoice is draft' } })
    expect(await refusal('disputes:open', { invoiceId: 999, reason: 'x' })).toMatchObject({
      code: 'not_found',
      fields: { invoiceId: 'no such invoice' },
    })
    const d = await invoke(app.dispatch, 'disputes:open', { invoiceId: id, reason: 'Wrong plan' })
    expect(await refusal('disputes:open', { invoiceId: id, reason: 'again' })).toMatchObject({
      fields: { invoiceId: 'already disputed' },
    })
    expect(await refusal('disputes:resolve', { id: d.id, resolution: 'accepted' })).toMatchObject({
      code: 'conflict',
      fields: { status: 'the dispute is open' },
    })
    await invoke(app.dispatch, 'disputes:review', { id: d.id, note: 'Looking' })
    expect(await refusal('disputes:review', { id: d.id, note: 'Again' })).toMatchObject({
      fields: { status: 'the dispute is under review' },
    })
    await invoke(app.dispatch, 'disputes:resolve', { id: d.id, resolution: 'rejected', note: 'No' })
    expect(await refusal('disputes:resolve', { id: d.id, resolution: 'accepted' })).toMatchObject({
      fields: { status: 'the dispute is resolved' },
    })
    expect(await refusal('disputes:review', { id: d.id, note: 'Late' })).toMatchObject({
      fields: { status: 'the dispute is resolved' },
    })
    expect(await refusal('disputes:get', { id: 999 })).toMatchObject({ code: 'not_found' })
    // Only the three steps that happened were audited.
    expect(auditActions()).toEqual([
      'disputes:open dispute',
      'disputes:review dispute',
      'disputes:resolve dispute',
    ])
  })

  it('an accepted dispute past what is left to credit is refused whole: still under review', async () => {
    const { id } = await finalizedInvoice()
    const d = await invoke(app.dispatch, 'disputes:open', { invoiceId: id, reason: 'Wrong plan' })
    await invoke(app.dispatch, 'disputes:review', { id: d.id, note: 'Looking' })
    await invoke(app.dispatch, 'invoices:credit-note', {
      invoiceId: id,
      reason: 'Goodwill',
      lines: [{ description: 'Goodwill', amountMinor: 1_000 }],
      settlement: 'credit_balance',
    })
    // 125.00 + 23.75 tax would credit 148.75, but 11.90 of the invoice's 148.75 is credited.
    expect(await refusal('disputes:resolve', { id: d.id, resolution: 'accepted' })).toMatchObject({
      code: 'conflict',
      fields: { lines: 'credit more than the invoice has left' },
    })
    const after = await invoke(app.dispatch, 'disputes:get', { id: d.id })
    expect(after).toMatchObject({ status: 'under_review', creditNoteId: null })
    expect(after.history).toHaveLength(2)
    expect(creditBalance(app.db, 'acme')).toBe(1_190)
  })

  it('lists disputes filtered, sorted and paged, with overdue deadlines flagged', async () => {
    const { id, planLine, usageLine } = await finalizedInvoice()
    const a = await invoke(app.dispatch, 'disputes:open', {
      invoiceId: id,
      lineId: planLine,
      reason: 'Plan',
      deadline: '2026-11-02',
    })
    const b = await invoke(app.dispatch, 'disputes:open', {
      invoiceId: id,
      lineId: usageLine,
      reason: 'Usage',
      deadline: '2026-11-03',
    })
    await invoke(app.dispatch, 'disputes:review', { id: b.id, note: 'Looking' })
    const all = await invoke(app.dispatch, 'disputes:list', {
      sort: { field: 'amount', direction: 'asc' },
    })
    expect(all.total).toBe(2)
    expect(all.disputes.map((d) => [d.id, d.amountMinor, d.overdue])).toEqual([
      [b.id, 2_500, false],
      [a.id, 10_000, true],
    ])
    expect(
      (await invoke(app.dispatch, 'disputes:list', { status: 'under_review' })).disputes.map(
        (d) => d.id,
      ),
    ).toEqual([b.id])
    const page = await invoke(app.dispatch, 'disputes:list', {
      sort: { field: 'deadline', direction: 'desc' },
      limit: 1,
      offset: 1,
    })
    expect(page).toMatchObject({ total: 2, disputes: [{ id: a.id }] })
    expect((await invoke(app.dispatch, 'disputes:list', { customer: 'globex' })).total).toBe(0)
    expect((await invoke(app.dispatch, 'disputes:list', { source: 'stripe' })).total).toBe(0)
    expect((await invoke(app.dispatch, 'disputes:list', { source: 'manual' })).total).toBe(2)
    expect((await invoke(app.dispatch, 'disputes:list', { invoiceId: id })).total).toBe(2)
    expect((await invoke(app.dispatch, 'disputes:list', { invoiceId: id + 1 })).total).toBe(0)
  })
})
