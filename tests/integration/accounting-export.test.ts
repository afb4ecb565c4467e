import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { safeCell } from '../../src-main/exports/safe-csv'
import { addCustomer, invoicesTestApp, seedDraft, type InvoicesTestApp } from './invoices-support'

const HOUR = 3_600_000

type Csv = { fields: string[]; rows: Record<string, string>[] }

const exported = async (app: InvoicesTestApp, from: string, to: string) => {
  const result = await invoke(app.dispatch, 'exports:accounting', { from, to })
  const byName = (prefix: string): Csv => {
    const file = result.files.find((f) => f.fileName === `${prefix}-${from}-to-${to}.csv`)
    if (!file) throw new Error(`no ${prefix} file`)
    const parsed = Papa.parse<Record<string, string>>(file.text, {
      header: true,
      skipEmptyLines: true,
    })
    expect(file.rows).toBe(parsed.data.length)
    return { fields: parsed.meta.fields ?? [], rows: parsed.data }
  }
  return {
    files: result.files.map((f) => f.fileName),
    invoices: byName('invoices'),
    lines: byName('invoice-lines'),
    creditNotes: byName('credit-notes'),
    payments: byName('payments'),
    refunds: byName('refunds'),
  }
}

/**
 * November 2026 in Los Angeles: acme's invoice with a negative discount line, paid by cheque,
 * with a credit note paid back outside Meterbook; globex's paid by wire; and a customer whose name
 * is a formula. The clock starts on 2026-11-03T09:00Z.
 */
const november = async (): Promise<InvoicesTestApp> => {
  const app = await invoicesTestApp({ settings: { businessTimeZone: 'America/Los_Angeles' } })
  addCustomer(app.db, {
    externalId: '@evil',
    name: '=HYPERLINK("http://x.example","Click")',
    currency: 'JPY',
    plan: 'starter',
  })
  const acme = seedDraft(app.db, {
    lines: [
      { description: 'Starter plan', amountMinor: 10_000, kind: 'base' },
      {
        description: '-Loyalty: 12.50 off',
        amountMinor: -1_250,
        kind: 'manual',
        quantity: '1',
        unitAmount: '-12.50',
      },
    ],
  })
  const globex = seedDraft(app.db, { customer: 'globex', tax: null })
  const evil = seedDraft(app.db, {
    customer: '@evil',
    lines: [{ description: '+Seats', amountMinor: 1_200, kind: 'base' }],
  })
  for (const id of [acme, globex, evil]) await invoke(app.dispatch, 'invoices:finalize', { id })
  await invoke(app.dispatch, 'invoices:mark-paid', { id: globex, note: 'wire' })
  await invoke(app.dispatch, 'invoices:mark-paid', { id: acme, note: 'cheque' })
  await invoke(app.dispatch, 'invoices:credit-note', {
    invoiceId: acme,
    reason: 'Outage',
    lines: [{ description: 'Outage', amountMinor: 2_500 }],
    settlement: 'paid_outside',
  })
  await invoke(app.dispatch, 'invoices:credit-note', {
    invoiceId: evil,
    reason: '=1+1',
    lines: [{ description: 'x', amountMinor: 100 }],
    settlement: 'credit_balance',
  })
  // 2026-12-01T05:00Z is still November 30th in Los Angeles; 09:00Z is December 1st there.
  app.clock.advance(new Date('2026-12-01T05:00:00Z').getTime() - app.clock.now().getTime())
  const lateNovember = seedDraft(app.db, { period: '2026-09' })
  await invoke(app.dispatch, 'invoices:finalize', { id: lateNovember })
  app.clock.advance(4 * HOUR)
  const december = seedDraft(app.db, { customer: 'globex', period: '2026-09' })
  await invoke(app.dispatch, 'invoices:finalize', { id: december })
  return app
}

/** `-12.50` → -1250, `1200` (JPY) → 1200: the digits, exactly, without a float. */
const minor = (major: string | undefined): number => Number((major ?? 'NaN').replace('.', ''))

const pick = (csv: Csv, ...columns: string[]): string[][] =>
  csv.rows.map((r) => columns.map((c) => r[c] ?? '(missing)'))

describe('accounting export', () => {
  it('writes invoices issued in the range, by business day, with dates, names, tax rates and amounts', async () => {
    const app = await november()
    const out = await exported(app, '2026-11-01', '2026-11-30')
    expect(out.files).toEqual([
      'invoices-2026-11-01-to-2026-11-30.csv',
      'invoice-lines-2026-11-01-to-2026-11-30.csv',
      'credit-notes-2026-11-01-to-2026-11-30.csv',
      'payments-2026-11-01-to-2026-11-30.csv',
      'refunds-2026-11-01-to-2026-11-30.csv',
    ])
    expect(out.invoices.fields).toEqual([
      'invoice_number',
      'status',
      'customer_id',
      'customer_name',
      'period',
      'issue_date',
      'due_date',
      'paid_date',
      'void_date',
      'currency',
      'subtotal',
      'discount',
      'credit_applied',
      'tax_name',
      'tax_rate_percent',
      'tax',
      'total',
    ])
    // MB-2026-000004 was issued at 05:00Z on December 1st: November 30th in Los Angeles.
    // MB-2026-000005 (09:00Z, December 1st there too) belongs to December's export.
    expect(
      pick(
        out.invoices,
        'invoice_number',
        'status',
        'customer_name',
        'issue_date',
        'due_date',
        'paid_date',
        'currency',
        'subtotal',
        'tax_name',
        'tax_rate_percent',
        'tax',
        'total',
      ),
    ).toEqual([
      [
        'MB-2026-000001',
        'paid',
        'Acme Analytics',
        '2026-11-03',
        '2026-11-17',
        '2026-11-03',
        'USD',
        '87.50',
        'VAT',
        '19',
        '16.63',
        '104.13',
      ],
      [
        'MB-2026-000002',
        'paid',
        'Globex',
        '2026-11-03',
        '2026-11-17',
        '2026-11-03',
        'EUR',
        '100.00',
        '',
        '',
        '0.00',
        '100.00',
      ],
      [
        'MB-2026-000003',
        'finalized',
        `'=HYPERLINK("http://x.example","Click")`,
        '2026-11-03',
        '2026-11-17',
        '',
        'JPY',
        '1200',
        'VAT',
        '19',
        '228',
        '1428',
      ],
      [
        'MB-2026-000004',
        'finalized',
        'Acme Analytics',
        '2026-11-30',
        '2026-12-14',
        '',
        'USD',
        '100.00',
        'VAT',
        '19',
        '19.00',
        '119.00',
      ],
    ])
    const december = await exported(app, '2026-12-01', '2026-12-31')
    expect(pick(december.invoices, 'invoice_number', 'issue_date')).toEqual([
      ['MB-2026-000005', '2026-12-01'],
    ])
    await app.close()
  })

  it('writes every line of those invoices, each subtotal the sum of its lines', async () => {
    const app = await november()
    const out = await exported(app, '2026-11-01', '2026-11-30')
    expect(
      pick(
        out.lines,
        'invoice_number',
        'position',
        'kind',
        'description',
        'quantity',
        'unit_price',
        'currency',
        'amount',
      ),
    ).toEqual([
      ['MB-2026-000001', '1', 'base', 'Starter plan', '1', '', 'USD', '100.00'],
      ['MB-2026-000001', '2', 'manual', "'-Loyalty: 12.50 off", '1', '-12.50', 'USD', '-12.50'],
      ['MB-2026-000002', '1', 'base', 'Starter plan', '1', '', 'EUR', '100.00'],
      ['MB-2026-000003', '1', 'base', "'+Seats", '1', '', 'JPY', '1200'],
      ['MB-2026-000004', '1', 'base', 'Starter plan', '1', '', 'USD', '100.00'],
    ])
    for (const invoice of out.invoices.rows) {
      const cents = out.lines.rows
        .filter((l) => l['invoice_number'] === invoice['invoice_number'])
        .reduce((sum, l) => sum + minor(l['amount']), 0)
      expect(cents).toBe(minor(invoice['subtotal']))
    }
    await app.close()
  })

  it('writes credit notes, payments and refunds with their dates, tax and settlement', async () => {
    const app = await november()
    const out = await exported(app, '2026-11-01', '2026-11-30')
    expect(
      pick(
        out.creditNotes,
        'credit_note_number',
        'invoice_number',
        'customer_name',
        'issue_date',
        'reason',
        'settlement',
        'currency',
        'subtotal',
        'tax_rate_percent',
        'tax',
        'total',
      ),
    ).toEqual([
      // Credit notes take their number's year from the clock of the day they are issued.
      [
        `CN-2026-000001`,
        'MB-2026-000001',
        'Acme Analytics',
        '2026-11-03',
        'Outage',
        'paid_outside',
        'USD',
        '25.00',
        '19',
        '4.75',
        '29.75',
      ],
      [
        `CN-2026-000002`,
        'MB-2026-000003',
        `'=HYPERLINK("http://x.example","Click")`,
        '2026-11-03',
        "'=1+1",
        'credit_balance',
        'JPY',
        '100',
        '19',
        '19',
        '119',
      ],
    ])
    expect(
      pick(
        out.payments,
        'invoice_number',
        'customer_name',
        'paid_date',
        'method',
        'currency',
        'amount',
      ),
    ).toEqual([
      ['MB-2026-000001', 'Acme Analytics', '2026-11-03', 'outside', 'USD', '104.13'],
      ['MB-2026-000002', 'Globex', '2026-11-03', 'outside', 'EUR', '100.00'],
    ])
    expect(
      pick(
        out.refunds,
        'credit_note_number',
        'invoice_number',
        'issue_date',
        'status',
        'currency',
        'amount',
      ),
    ).toEqual([['CN-2026-000001', 'MB-2026-000001', '2026-11-03', 'paid_outside', 'USD', '29.75']])
    await app.close()
  })

  it('neutralises formulas in text cells, yet leaves negative amounts numbers', async () => {
    const app = await november()
    const result = await invoke(app.dispatch, 'exports:accounting', {
      from: '2026-11-01',
      to: '2026-11-30',
    })
    const lines = result.files.find((f) => f.fileName.startsWith('invoice-lines'))?.text ?? ''
    expect(lines.split('\r\n')[2]).toBe(
      "MB-2026-000001,acme,2,manual,,'-Loyalty: 12.50 off,1,,-12.50,USD,-12.50",
    )
    expect(safeCell('=SUM(A1:A9)', 'text')).toBe("'=SUM(A1:A9)")
    expect(safeCell('+1', 'text')).toBe("'+1")
    expect(safeCell('-1', 'text')).toBe("'-1")
    expect(safeCell('@cmd', 'text')).toBe("'@cmd")
    expect(safeCell('\tx', 'text')).toBe("'\tx")
    expect(safeCell('\rx', 'text')).toBe("'\rx")
    expect(safeCell('-12.50', 'number')).toBe('-12.50')
    expect(safeCell('-1+1', 'number')).toBe("'-1+1")
    expect(safeCell('Acme', 'text')).toBe('Acme')
    await app.close()
  })

  it('refuses a range that ends before it starts, or a date that is not one', async () => {
    const app = await november()
    const backwards = await app.dispatch('exports:accounting', {
      from: '2026-11-30',
      to: '2026-11-01',
    })
    expect(backwards).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', fields: { to: 'must not be before from' } },
    })
    const notADate = await app.dispatch('exports:accounting', {
      from: '2026-11-31',
      to: '2026-12-01',
    })
    expect(notADate).toMatchObject({ ok: false, error: { code: 'validation_failed' } })
    await app.close()
  })
})
