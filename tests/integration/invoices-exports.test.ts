import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { documentPdf } from '../../src-main/invoices/documents'
import { textRuns } from './pdf-text'
import { invoicesTestApp, seedDraft, type InvoicesTestApp, type SeedLine } from './invoices-support'

let app: InvoicesTestApp
beforeEach(async () => {
  app = await invoicesTestApp()
})
afterEach(() => app.close())

const tiered: SeedLine = {
  description: 'API calls',
  amountMinor: 2_234,
  featureCode: 'api_calls',
  quantity: '12000',
  unit: 'call',
  breakdown: [
    {
      tier: 1,
      from: '0',
      to: '10000',
      units: '10000',
      unit_amount: '0.001',
      flat_amount: '0',
      subtotal: '10',
    },
    {
      tier: 2,
      from: '10000',
      to: null,
      units: '2000',
      unit_amount: '0.0006',
      flat_amount: '11.14',
      subtotal: '12.34',
    },
  ],
}
const render = async (id: number, creditNoteId?: number) =>
  (await documentPdf(app.db, { id, creditNoteId }, { compress: false })).pdf

describe('invoice PDF', () => {
  it('prints the number, dates, parties, each line with its tier breakdown, tax and total', async () => {
    const id = seedDraft(app.db, {
      lines: [{ description: 'Starter plan', amountMinor: 1_900, kind: 'base' }, tiered],
    })
    await invoke(app.dispatch, 'invoices:finalize', { id })
    const pdf = await render(id)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const text = textRuns(pdf)
    expect(text).toEqual(
      expect.arrayContaining([
        'INVOICE',
        'MB-2026-000001',
        '2026-11-17',
        'Meterbook Demo GmbH',
        'Tax ID: DE123456789',
        'Acme Analytics',
        'Customer ID: acme',
        'API calls',
        '12,000',
        '$22.34',
        'Tier 1: 0 to 10,000',
        'Tier 2: over 10,000 + 11.14 flat',
        '0.0006',
        '12.34',
        'VAT (19%)',
        '$7.85',
        '$49.19',
        'Page 1 of 1',
      ]),
    )
    expect(text).not.toContain('DRAFT')
  })

  it('repeats the table header on every page of a long invoice and counts the pages', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({ ...tiered, description: `Metric ${i}` }))
    const text = textRuns(await render(seedDraft(app.db, { lines })))
    const pages = text.filter((t) => /^Page \d+ of \d+$/.test(t))
    expect(pages.length).toBeGreaterThan(2)
    expect(pages.at(-1)).toBe(`Page ${pages.length} of ${pages.length}`)
    expect(text.filter((t) => t === 'Description')).toHaveLength(pages.length)
    expect(text).toContain('Metric 59')
  })

  it('names a draft draft-<id>.pdf, watermarks it, and gives the same bytes for the same invoice', async () => {
    const id = seedDraft(app.db)
    const first = await invoke(app.dispatch, 'invoices:pdf', { id })
    expect(first.fileName).toBe(`draft-${id}.pdf`)
    expect(Buffer.from(first.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
    expect(textRuns(await render(id))).toEqual(expect.arrayContaining(['DRAFT', 'DRAFT INVOICE']))
    app.clock.advance(3_600_000)
    expect((await invoke(app.dispatch, 'invoices:pdf', { id })).base64).toBe(first.base64)
    await invoke(app.dispatch, 'invoices:finalize', { id })
    const issued = await invoke(app.dispatch, 'invoices:pdf', { id })
    expect(issued.fileName).toBe('MB-2026-000001.pdf')
  })
})

describe('credit note PDF', () => {
  it('prints its own number, the invoice it corrects, the reason, lines, tax and total', async () => {
    const id = seedDraft(app.db)
    await invoke(app.dispatch, 'invoices:finalize', { id })
    const invoice = await invoke(app.dispatch, 'invoices:credit-note', {
      invoiceId: id,
      reason: 'Outage on October 12th',
      lines: [{ description: 'Service credit', amountMinor: 2_000 }],
      settlement: 'credit_balance',
    })
    const note = invoice.creditNotes[0]
    if (!note) throw new Error('no credit note')
    const file = await invoke(app.dispatch, 'invoices:pdf', { id, creditNoteId: note.id })
    expect(file.fileName).toBe('CN-2026-000001.pdf')
    const pdf = await render(id, note.id)
    expect(textRuns(pdf)).toEqual(
      expect.arrayContaining([
        'CREDIT NOTE',
        'CN-2026-000001',
        'MB-2026-000001',
        'Outage on October 12th',
        'Service credit',
        'VAT (19%)',
        '$3.80',
        '$23.80',
      ]),
    )
    await expect(
      invoke(app.dispatch, 'invoices:pdf', { id, creditNoteId: note.id + 1 }),
    ).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('CSV export', () => {
  const parse = (text: string) => Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data

  it('writes exactly the invoice columns, in order, with drafts unnumbered', async () => {
    const issued = seedDraft(app.db, { discountMinor: 1_000, period: '2026-10' })
    await invoke(app.dispatch, 'invoices:finalize', { id: issued })
    seedDraft(app.db, { customer: 'globex', tax: null, period: '2026-10' })
    seedDraft(app.db, { period: '2026-09' })
    const csv = await invoke(app.dispatch, 'invoices:export-csv', { period: '2026-10' })
    expect(csv.fileName).toBe('invoices-2026-10.csv')
    expect(parse(csv.text)).toEqual([
      [
        'invoice_number',
        'customer_id',
        'currency',
        'subtotal_minor',
        'discount_minor',
        'credit_minor',
        'tax_minor',
        'total_minor',
        'status',
      ],
      ['MB-2026-000001', 'acme', 'USD', '10000', '1000', '0', '1710', '10710', 'finalized'],
      ['', 'globex', 'EUR', '10000', '0', '0', '0', '10000', 'draft'],
    ])
    const drafts = await invoke(app.dispatch, 'invoices:export-csv', { status: 'draft' })
    expect(parse(drafts.text).map((r) => r[1])).toEqual(['customer_id', 'acme', 'globex'])
  })

  it('writes exactly the line columns, quoting descriptions so they read back unchanged', async () => {
    const awkward = 'Support, "premium"\nweekends'
    const id = seedDraft(app.db, {
      lines: [
        { description: 'Starter plan', amountMinor: 1_900, kind: 'base' },
        tiered,
        { description: awkward, amountMinor: 500, kind: 'manual', quantity: '2.5' },
      ],
    })
    await invoke(app.dispatch, 'invoices:finalize', { id })
    const csv = await invoke(app.dispatch, 'invoices:export-csv', { lines: true })
    expect(csv.fileName).toBe('invoice-lines.csv')
    expect(parse(csv.text)).toEqual([
      ['invoice_number', 'customer_id', 'feature', 'description', 'quantity', 'amount_minor'],
      ['MB-2026-000001', 'acme', '', 'Starter plan', '1', '1900'],
      ['MB-2026-000001', 'acme', 'api_calls', 'API calls', '12000', '2234'],
      ['MB-2026-000001', 'acme', '', awkward, '2.5', '500'],
    ])
  })

  it('writes the credit notes of the chosen invoices, which the invoices export leaves out', async () => {
    const october = seedDraft(app.db, { period: '2026-10' })
    const september = seedDraft(app.db, { period: '2026-09' })
    for (const id of [october, september]) await invoke(app.dispatch, 'invoices:finalize', { id })
    await invoke(app.dispatch, 'invoices:credit-note', {
      invoiceId: october,
      reason: 'Outage',
      lines: [{ description: 'Outage', amountMinor: 2_500 }],
      settlement: 'credit_balance',
    })
    await invoke(app.dispatch, 'invoices:mark-paid', { id: september, note: 'wire' })
    await invoke(app.dispatch, 'invoices:credit-note', {
      invoiceId: september,
      reason: 'Goodwill',
      lines: [{ description: 'Goodwill', amountMinor: 100 }],
      settlement: 'paid_outside',
    })
    const csv = await invoke(app.dispatch, 'invoices:export-csv', { creditNotes: true })
    expect(csv.fileName).toBe('credit-notes.csv')
    expect(parse(csv.text)).toEqual([
      [
        'credit_note_number',
        'invoice_number',
        'customer_id',
        'currency',
        'subtotal_minor',
        'tax_minor',
        'total_minor',
        'settlement',
        'reason',
        'created_at',
      ],
      [
        'CN-2026-000002',
        'MB-2026-000002',
        'acme',
        'USD',
        '100',
        '19',
        '119',
        'paid_outside',
        'Goodwill',
        '2026-11-03T09:00:00.000Z',
      ],
      [
        'CN-2026-000001',
        'MB-2026-000001',
        'acme',
        'USD',
        '2500',
        '475',
        '2975',
        'credit_balance',
        'Outage',
        '2026-11-03T09:00:00.000Z',
      ],
    ])
    const octoberOnly = await invoke(app.dispatch, 'invoices:export-csv', {
      creditNotes: true,
      period: '2026-10',
    })
    expect(octoberOnly.fileName).toBe('credit-notes-2026-10.csv')
    expect(parse(octoberOnly.text).map((r) => r[0])).toEqual([
      'credit_note_number',
      'CN-2026-000001',
    ])
  })
})
