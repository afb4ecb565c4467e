import Papa from 'papaparse'
import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { reportFile } from '../../src-main/reports/report-files'
import { textRuns } from './pdf-text'
import { reportsLedger, type ReportsLedger } from './reports-support'

let open: ReportsLedger | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})
const ledger = async (): Promise<ReportsLedger> => (open = await reportsLedger())

const rowsOf = (base64: string): Record<string, string>[] =>
  Papa.parse<Record<string, string>>(Buffer.from(base64, 'base64').toString('utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data

const pick = (rows: Record<string, string>[], ...columns: string[]): string[][] =>
  rows.map((r) => columns.map((c) => r[c] ?? '(missing)'))

describe('report files', () => {
  it('writes November as one CSV: a line per customer and currency, totals per currency, usage per metric', async () => {
    const app = await ledger()
    const file = await invoke(app.dispatch, 'reports:file', {
      report: 'usage-billing',
      period: { kind: 'month', month: '2026-11' },
      format: 'csv',
    })
    expect(file.fileName).toBe('usage-billing-2026-11.csv')
    expect(file.contentType).toBe('text/csv; charset=utf-8')
    const rows = rowsOf(file.base64)
    expect(
      pick(
        rows,
        'section',
        'customer_id',
        'currency',
        'metric',
        'events',
        'quantity',
        'invoices',
        'invoiced',
        'collected',
        'credited',
        'outstanding',
      ),
    ).toEqual([
      ['billing', 'acme', 'USD', '', '', '', '2', '297.50', '59.50', '23.80', '345.10'],
      ['billing', 'globex', 'EUR', '', '', '', '1', '100.00', '100.00', '0.00', '40.00'],
      ['billing', 'initech', 'USD', '', '', '', '1', '35.70', '0.00', '0.00', '59.50'],
      ['billing_total', '', 'EUR', '', '', '', '1', '100.00', '100.00', '0.00', '40.00'],
      ['billing_total', '', 'USD', '', '', '', '3', '333.20', '59.50', '23.80', '404.60'],
      ['usage', 'acme', '', 'api_calls', '2', '3.75', '', '', '', '', ''],
      ['usage', 'acme', '', 'storage_gb', '1', '3', '', '', '', '', ''],
      ['usage', 'initech', '', 'api_calls', '1', '10', '', '', '', '', ''],
      ['usage_total', '', '', 'api_calls', '3', '13.75', '', '', '', '', ''],
      ['usage_total', '', '', 'storage_gb', '1', '3', '', '', '', '', ''],
    ])
  })

  it('writes the aged receivables as a CSV of invoices, customers and totals', async () => {
    const app = await ledger()
    const file = await invoke(app.dispatch, 'reports:file', {
      report: 'aged-receivables',
      asOf: '2026-12-07',
      customerId: 'initech',
      format: 'csv',
    })
    expect(file.fileName).toBe('aged-receivables-2026-12-07-initech.csv')
    expect(
      pick(
        rowsOf(file.base64),
        'section',
        'invoice_number',
        'days_past_due',
        'current',
        '1-30',
        '90+',
        'total',
      ),
    ).toEqual([
      ['invoice', 'MB-2026-000001', '100', '', '', '23.80', '23.80'],
      ['invoice', 'MB-2026-000007', '20', '', '35.70', '', '35.70'],
      ['customer', '', '', '0.00', '35.70', '23.80', '59.50'],
      ['total', '', '', '0.00', '35.70', '23.80', '59.50'],
    ])
  })

  it('draws November as a PDF with its rows, totals per currency and usage', async () => {
    const app = await ledger()
    const query = {
      report: 'usage-billing' as const,
      period: { kind: 'month' as const, month: '2026-11' },
      format: 'pdf' as const,
    }
    const file = await reportFile(app.db, query, { now: app.clock.now(), compress: false })
    expect(file.fileName).toBe('usage-billing-2026-11.pdf')
    const pdf = Buffer.from(file.base64, 'base64')
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const text = textRuns(pdf).join('|')
    expect(text).toContain('Usage and billing, November 2026')
    expect(text).toContain('2026-11-01 to 2026-11-30')
    expect(text).toContain('Acme Analytics (acme)|USD|$297.50|$59.50|$23.80|$345.10')
    expect(text).toContain('Total USD|USD|$333.20|$59.50|$23.80|$404.60')
    // The built-in fonts' one-byte code for € is 0x80 (Windows-1252), which pdf-text reads as Latin-1.
    expect(text).toContain('Total EUR|EUR|€100.00|€100.00|€0.00|€40.00'.replaceAll('€', '\x80'))
    expect(text).toContain('Total|api_calls|3|13.75')
    // Through the channel, the same report compressed: a PDF all the same.
    const channel = await invoke(app.dispatch, 'reports:file', query)
    expect(Buffer.from(channel.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-')
  })

  it('draws the aged receivables as a PDF with a column per bucket', async () => {
    const app = await ledger()
    const file = await reportFile(
      app.db,
      { report: 'aged-receivables', asOf: '2026-12-07', format: 'pdf' },
      { now: app.clock.now(), compress: false },
    )
    const text = textRuns(Buffer.from(file.base64, 'base64')).join('|')
    expect(text).toContain('Aged receivables as of 2026-12-07')
    expect(text).toContain('Current|1-30|31-60|61-90|90+|Total')
    expect(text).toContain('Total USD|USD|$249.90|$130.90|$11.90|$0.00|$23.80|$416.50')
  })
})
