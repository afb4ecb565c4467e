import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { documentPdf } from '../../src-main/invoices/documents'
import { finalizePeriod } from '../../src-main/invoices/lifecycle'
import { invoicesTestApp, seedDraft, type InvoicesTestApp } from './invoices-support'
import { textRuns } from './pdf-text'

let app: InvoicesTestApp
beforeEach(async () => {
  app = await invoicesTestApp()
})
afterEach(() => app.close())

const pdfBytes = async (id: number, creditNoteId?: number): Promise<string> =>
  (await invoke(app.dispatch, 'invoices:pdf', { id, ...(creditNoteId ? { creditNoteId } : {}) }))
    .base64
const pdfText = async (id: number, creditNoteId?: number): Promise<string[]> =>
  textRuns((await documentPdf(app.db, { id, creditNoteId }, { compress: false })).pdf)

/** Everything a document prints that lives outside the invoice's own rows, changed. */
const changeEverything = async (): Promise<void> => {
  await invoke(app.dispatch, 'settings:update', {
    companyName: 'Renamed Holding AG',
    companyAddress: 'Elsewhere 9',
    companyEmail: 'new@renamed.example',
    taxId: 'CHE-999.999.999',
    businessTimeZone: 'Pacific/Kiritimati',
    paymentTermsDays: 60,
    taxRates: [{ region: 'DE', name: 'MwSt', ratePercent: '7' }],
  })
  app.db
    .prepare(
      `UPDATE customer SET name = 'Acme Renamed', billing_address = 'PO Box 1', tax_region = 'FR'
       WHERE external_id = 'acme'`,
    )
    .run()
  app.clock.advance(40 * 86_400_000)
}

describe('an issued invoice renders from what it was issued with', () => {
  it('gives the same bytes after the seller, the customer, the tax rates and the clock change', async () => {
    const id = seedDraft(app.db)
    await invoke(app.dispatch, 'invoices:finalize', { id })
    const issued = await pdfBytes(id)
    const text = await pdfText(id)

    await changeEverything()
    expect(await pdfBytes(id)).toBe(issued)
    expect(await pdfBytes(id)).toBe(issued)
    expect(await pdfText(id)).toEqual(text)
    expect(text).toEqual(
      expect.arrayContaining([
        'Meterbook Demo GmbH',
        'Tax ID: DE123456789',
        'Acme Analytics',
        'VAT (19%)',
        '2026-11-03',
        '2026-11-17',
        'Meterbook Demo GmbH - Invoice MB-2026-000001',
      ]),
    )
    expect(text.join('\n')).not.toMatch(/Renamed|MwSt|Acme Renamed/)
  })

  it('stores its creation date and file id from the issue, not the moment of rendering', async () => {
    const id = seedDraft(app.db)
    await invoke(app.dispatch, 'invoices:finalize', { id })
    const pdf = (await documentPdf(app.db, { id }, { compress: false })).pdf.toString('latin1')
    // Issued 2026-11-03T09:00:00Z: the metadata says so, however late it is printed.
    expect(pdf).toContain('(D:20261103090000Z)')
    const fileId = /\/ID \[<([0-9a-f]+)>/.exec(pdf)?.[1]
    app.clock.advance(86_400_000)
    const later = (await documentPdf(app.db, { id }, { compress: false })).pdf.toString('latin1')
    expect(/\/ID \[<([0-9a-f]+)>/.exec(later)?.[1]).toBe(fileId)
  })

  it('keeps a credit note as issued: the same bytes after the settings and customer change', async () => {
    const id = seedDraft(app.db)
    await invoke(app.dispatch, 'invoices:finalize', { id })
    const invoice = await invoke(app.dispatch, 'invoices:credit-note', {
      invoiceId: id,
      reason: 'Outage',
      lines: [{ description: 'Service credit', amountMinor: 2_000 }],
      settlement: 'credit_balance',
    })
    const noteId = invoice.creditNotes[0]?.id ?? 0
    const issued = await pdfBytes(id, noteId)
    await changeEverything()
    expect(await pdfBytes(id, noteId)).toBe(issued)
    const text = await pdfText(id, noteId)
    expect(text).toEqual(
      expect.arrayContaining(['Meterbook Demo GmbH', 'Acme Analytics', 'VAT (19%)', '$3.80']),
    )
    expect(text.join('\n')).not.toMatch(/Renamed/)
  })

  it('refuses to change or remove a snapshot: issued documents are append-only', async () => {
    const id = seedDraft(app.db)
    await invoke(app.dispatch, 'invoices:finalize', { id })
    expect(() =>
      app.db
        .prepare("UPDATE invoice_snapshot SET snapshot_json = '{}' WHERE invoice_id = ?")
        .run(id),
    ).toThrow('issued documents are immutable')
    expect(() => app.db.prepare('DELETE FROM invoice_snapshot').run()).toThrow(
      'issued documents are immutable',
    )
  })
})

describe('a draft renders from live data', () => {
  it('shows the seller and customer as they are now, marked DRAFT', async () => {
    const id = seedDraft(app.db)
    const before = await pdfBytes(id)
    await changeEverything()
    expect(await pdfBytes(id)).not.toBe(before)
    const text = await pdfText(id)
    expect(text).toEqual(
      expect.arrayContaining(['DRAFT', 'DRAFT INVOICE', 'Renamed Holding AG', 'Acme Renamed']),
    )
  })
})

describe('operator notes and finalize warnings', () => {
  const legacyNote = 'No tax rate is set for the tax region "": no tax is charged.'
  const noTax = (period = '2026-10'): number => {
    app.db.prepare("UPDATE customer SET tax_region = '' WHERE external_id = 'acme'").run()
    const id = seedDraft(app.db, { tax: null, period })
    app.db
      .prepare('UPDATE invoice SET notes_json = ? WHERE id = ?')
      .run(JSON.stringify([legacyNote, 'Billed for 17 of 31 days.']), id)
    return id
  }

  it('never prints an operator note on the customer document, draft or issued', async () => {
    const id = noTax()
    expect((await pdfText(id)).join('\n')).not.toContain('No tax rate')
    await invoke(app.dispatch, 'invoices:finalize', { id })
    const text = await pdfText(id)
    expect(text.join('\n')).not.toContain('No tax rate')
    expect(text).toContain('Billed for 17 of 31 days.')
  })

  it('warns before finalizing: empty seller details, a customer without a tax rate', async () => {
    await invoke(app.dispatch, 'settings:update', { companyName: '', companyAddress: '' })
    const id = noTax()
    const fine = seedDraft(app.db, { customer: 'globex' })
    const warnings = await invoke(app.dispatch, 'invoices:finalize-check', { ids: [id, fine] })
    expect(warnings.map((w) => [w.invoiceId, w.code])).toEqual([
      [id, 'seller_details_missing'],
      [id, 'tax_rate_missing'],
      [fine, 'seller_details_missing'],
    ])
    expect(warnings[0]?.message).toMatch(/company's name and address are empty in Settings/)
    expect(warnings[1]?.message).toBe(
      `Customer acme has no tax region: invoice draft-${id} charges no tax.`,
    )
  })

  it('says nothing when the seller is complete and every region has its rate', async () => {
    const id = seedDraft(app.db)
    expect(await invoke(app.dispatch, 'invoices:finalize-check', { ids: [id] })).toEqual([])
  })

  it('suggests regenerating a draft made before its region got a rate', async () => {
    const id = seedDraft(app.db, { tax: null })
    const [warning] = await invoke(app.dispatch, 'invoices:finalize-check', { ids: [id] })
    expect(warning?.message).toBe(
      `No tax rate is set for the tax region "DE" of customer acme: invoice draft-${id} charges no tax. A rate for "DE" was set after the draft was made: regenerate it to charge tax.`,
    )
  })

  it('finalizes anyway, and records the warnings in the audit and the CLI outcome', async () => {
    const id = noTax()
    await invoke(app.dispatch, 'invoices:finalize', { id })
    const audit = await invoke(app.dispatch, 'audit:list', { entityId: 'MB-2026-000001' })
    expect(audit.entries[0]?.after).toMatchObject({
      warnings: [`Customer acme has no tax region: invoice draft-${id} charges no tax.`],
    })
    const other = noTax('2026-09')
    const outcome = finalizePeriod(app.db, '2026-09', { now: app.clock.now(), operator: 'cli' })
    expect(outcome.warnings).toMatchObject([{ invoiceId: other, code: 'tax_rate_missing' }])
  })
})
