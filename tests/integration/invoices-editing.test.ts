import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import type { CreditNoteSettlement } from '../../src-shared/domain/billing'
import {
  creditBalance,
  grantCredit,
  invoicesTestApp,
  seedDraft,
  type InvoicesTestApp,
} from './invoices-support'

let app: InvoicesTestApp
beforeEach(async () => {
  app = await invoicesTestApp()
})
afterEach(() => app.close())

const addLine = (invoiceId: number, quantity: string, unitAmount: string) =>
  invoke(app.dispatch, 'invoices:add-line', {
    invoiceId,
    description: 'Onboarding workshop',
    quantity,
    unitAmount,
  })
const totalsOf = (i: {
  subtotalMinor: number
  discountMinor: number
  taxMinor: number
  creditMinor: number
  totalMinor: number
}) => [i.subtotalMinor, i.discountMinor, i.taxMinor, i.creditMinor, i.totalMinor]

describe('manual lines on a draft', () => {
  it('rounds quantity × unit price once, half up, and recomputes tax on subtotal minus discount', async () => {
    // 100.00 base, 10.00 discount, VAT 19% on 90.00 = 17.10.
    const id = seedDraft(app.db, { discountMinor: 1_000 })
    // 3 × 12.345 = 37.035 → 37.04; VAT on 127.04 = 24.1376 → 24.14.
    const invoice = await addLine(id, '3', '12.345')
    expect(invoice.lines.at(-1)).toMatchObject({
      position: 2,
      kind: 'manual',
      quantity: '3',
      unitAmount: '12.345',
      amountMinor: 3_704,
    })
    expect(totalsOf(invoice)).toEqual([13_704, 1_000, 2_414, 0, 15_118])
    expect(invoice.discounts).toEqual([
      { discountId: 1, description: 'Launch discount', amountMinor: 1_000 },
    ])
  })

  it('rounds a negative unit price (a goodwill line) away from zero at the half', async () => {
    const id = seedDraft(app.db, { customer: 'globex', tax: null })
    const invoice = await addLine(id, '1', '-5.005')
    expect(invoice.lines.at(-1)?.amountMinor).toBe(-501)
    expect(totalsOf(invoice)).toEqual([9_499, 0, 0, 0, 9_499])
  })

  it('lets prepaid credit cover the new amount up to the balance, and gives it back on removal', async () => {
    grantCredit(app.db, 'acme', 12_000)
    const id = seedDraft(app.db, { creditMinor: 11_900 })
    const grown = await addLine(id, '1', '50')
    // 150.00 + 28.50 VAT = 178.50, of which the balance covers 120.00.
    expect(totalsOf(grown)).toEqual([15_000, 0, 2_850, 12_000, 5_850])
    const line = grown.lines.find((l) => l.kind === 'manual')
    const shrunk = await invoke(app.dispatch, 'invoices:remove-line', {
      invoiceId: id,
      lineId: line?.id ?? 0,
    })
    expect(totalsOf(shrunk)).toEqual([10_000, 0, 1_900, 11_900, 0])
    expect(shrunk.lines).toHaveLength(1)
  })

  it('removes only lines added by hand, and audits each change', async () => {
    const id = seedDraft(app.db)
    const base = (await invoke(app.dispatch, 'invoices:get', { id })).lines[0]
    await expect(
      invoke(app.dispatch, 'invoices:remove-line', { invoiceId: id, lineId: base?.id ?? 0 }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('only lines added by hand can') as string,
    })
    await expect(
      invoke(app.dispatch, 'invoices:remove-line', { invoiceId: id, lineId: 999 }),
    ).rejects.toMatchObject({ code: 'not_found' })
    await addLine(id, '2', '10')
    const audit = await invoke(app.dispatch, 'audit:list', { entityId: `draft-${id}` })
    expect(audit.entries[0]).toMatchObject({
      action: 'invoices:add-line',
      after: { addedLine: { description: 'Onboarding workshop', amountMinor: 2_000 } },
    })
  })
})

describe('credit notes', () => {
  const credit = (
    invoiceId: number,
    amounts: number[],
    settlement: CreditNoteSettlement = 'credit_balance',
  ) =>
    invoke(app.dispatch, 'invoices:credit-note', {
      invoiceId,
      reason: 'Outage on October 12th',
      lines: amounts.map((amountMinor, i) => ({ description: `Credit ${i + 1}`, amountMinor })),
      settlement,
    })

  it("taxes at the invoice's rate, numbers in their own series and grant the credit to the balance", async () => {
    const id = seedDraft(app.db)
    await invoke(app.dispatch, 'invoices:finalize', { id })
    const invoice = await credit(id, [3_000, 2_000])
    expect(invoice.creditNotes).toMatchObject([
      {
        number: 'CN-2026-000001',
        invoiceNumber: 'MB-2026-000001',
        subtotalMinor: 5_000,
        taxMinor: 950,
        totalMinor: 5_950,
        settlement: 'credit_balance',
        createdBy: 'tester',
        lines: [
          { description: 'Credit 1', amountMinor: 3_000 },
          { description: 'Credit 2', amountMinor: 2_000 },
        ],
      },
    ])
    expect(creditBalance(app.db, 'acme')).toBe(5_950)
    const next = await invoke(app.dispatch, 'invoices:finalize', {
      id: seedDraft(app.db, { customer: 'globex' }),
    })
    expect(next.number).toBe('MB-2026-000002')
  })

  it('never credits more than the invoice charged, over all its credit notes', async () => {
    const id = seedDraft(app.db) // 119.00
    await invoke(app.dispatch, 'invoices:finalize', { id })
    await credit(id, [5_000]) // 59.50
    await invoke(app.dispatch, 'invoices:mark-paid', { id })
    const full = await credit(id, [5_000], 'paid_outside') // 59.50: exactly what is left
    expect(full.creditNotes.map((n) => n.number)).toEqual(['CN-2026-000001', 'CN-2026-000002'])
    await expect(credit(id, [1])).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('at most $0.00 can still be') as string,
    })
    // Paid back outside Meterbook: only the first note went to the balance.
    expect(creditBalance(app.db, 'acme')).toBe(5_950)
  })

  it('charges no tax on the credit of a tax-exempt invoice', async () => {
    const id = seedDraft(app.db, { taxExempt: true })
    await invoke(app.dispatch, 'invoices:finalize', { id })
    const note = (await credit(id, [2_500])).creditNotes[0]
    expect([note?.subtotalMinor, note?.taxMinor, note?.totalMinor]).toEqual([2_500, 0, 2_500])
  })

  it('credits only finalized or paid invoices', async () => {
    const draft = seedDraft(app.db)
    await expect(credit(draft, [100])).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('still a draft') as string,
    })
    const voided = seedDraft(app.db, { customer: 'globex' })
    await invoke(app.dispatch, 'invoices:finalize', { id: voided })
    await invoke(app.dispatch, 'invoices:void', { id: voided, reason: 'Wrong customer' })
    await expect(credit(voided, [100])).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is void: only finalized or paid') as string,
    })
    expect(
      app.db
        .prepare('SELECT count(*) FROM number_sequence WHERE series LIKE ?')
        .pluck()
        .get('CN-%'),
    ).toBe(0)
  })
})

describe('listing and reading invoices', () => {
  it('filters by status, period, customer and search, with totals per currency over every match', async () => {
    const acmeOct = seedDraft(app.db) // USD 119.00
    seedDraft(app.db, { period: '2026-09' }) // USD 119.00
    seedDraft(app.db, { customer: 'globex', tax: null }) // EUR 100.00
    await invoke(app.dispatch, 'invoices:finalize', { id: acmeOct })

    const all = await invoke(app.dispatch, 'invoices:list', { limit: 1 })
    expect(all.total).toBe(3)
    expect(all.invoices).toHaveLength(1)
    expect(all.totals).toEqual({ EUR: 10_000, USD: 23_800 })

    const october = await invoke(app.dispatch, 'invoices:list', { period: '2026-10' })
    expect(october.invoices.map((i) => i.customerId)).toEqual(['acme', 'globex'])
    const drafts = await invoke(app.dispatch, 'invoices:list', {
      status: 'draft',
      customer: 'acme',
    })
    expect(drafts.invoices.map((i) => i.period)).toEqual(['2026-09'])
    const byName = await invoke(app.dispatch, 'invoices:list', { search: 'GLOB' })
    expect(byName.invoices.map((i) => i.customerName)).toEqual(['Globex'])
    const byNumber = await invoke(app.dispatch, 'invoices:list', { search: '2026-000001' })
    expect(byNumber.invoices.map((i) => i.id)).toEqual([acmeOct])
    expect((await invoke(app.dispatch, 'invoices:list', { search: '%' })).total).toBe(0)
  })

  it('reads an invoice with its lines in order, discounts, tax and notes', async () => {
    const id = seedDraft(app.db, {
      discountMinor: 500,
      lines: [
        { description: 'Starter plan', amountMinor: 1_900, kind: 'base' },
        {
          description: 'API calls',
          amountMinor: 1_234,
          featureCode: 'api_calls',
          quantity: '12340',
        },
      ],
    })
    const invoice = await invoke(app.dispatch, 'invoices:get', { id })
    expect(invoice.lines.map((l) => [l.position, l.description])).toEqual([
      [1, 'Starter plan'],
      [2, 'API calls'],
    ])
    expect(invoice).toMatchObject({
      number: null,
      customerId: 'acme',
      customerName: 'Acme Analytics',
      tax: { region: 'DE', name: 'VAT', ratePercent: '19' },
      taxExempt: false,
      notes: [],
      creditNotes: [],
      discounts: [{ amountMinor: 500 }],
    })
    await expect(invoke(app.dispatch, 'invoices:get', { id: 404 })).rejects.toMatchObject({
      code: 'not_found',
    })
  })
})
