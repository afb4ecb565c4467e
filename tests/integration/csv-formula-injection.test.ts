import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { csvDecimal, csvDocument, csvText } from '../../src-main/documents/csv-cell'
import { invoke } from '../../src-main/ipc/dispatcher'
import { reportCsv } from '../../src-main/retries/report'
import { addCustomer, invoicesTestApp, seedDraft, type InvoicesTestApp } from './invoices-support'
import { csv, importText, usageTestApp } from './usage-support'

const parse = (text: string) => Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data

describe('csv cells', () => {
  it('prefixes text a spreadsheet would evaluate, and leaves numbers and plain text alone', () => {
    expect(
      ['=HYPERLINK("http://x","y")', '@SUM(1)', '+1', '-2+3', '\tx', '\rx', 'Acme', ''].map(
        csvText,
      ),
    ).toEqual([
      `'=HYPERLINK("http://x","y")`,
      "'@SUM(1)",
      "'+1",
      "'-2+3",
      "'\tx",
      "'\rx",
      'Acme',
      '',
    ])
    expect(
      parse(
        csvDocument(['a', 'b', 'c', 'd'], [[-500, csvDecimal('-2.5'), csvDecimal('-2+3'), 7n]]),
      ),
    ).toEqual([
      ['a', 'b', 'c', 'd'],
      ['-500', '-2.5', "'-2+3", '7'],
    ])
  })
})

describe('invoice exports', () => {
  let app: InvoicesTestApp
  beforeEach(async () => {
    app = await invoicesTestApp()
  })
  afterEach(() => app.close())

  it('neutralises a hostile customer id and line descriptions, keeping -500 a number', async () => {
    addCustomer(app.db, {
      externalId: '@SUM(1)',
      name: '=HYPERLINK("http://evil","x")',
      currency: 'USD',
      plan: 'starter',
    })
    const id = seedDraft(app.db, {
      customer: '@SUM(1)',
      lines: [
        { description: '=HYPERLINK("http://evil","x")', amountMinor: 1_000, kind: 'manual' },
        { description: '+1', amountMinor: 500, kind: 'manual', quantity: '-2' },
        { description: '-2+3', amountMinor: -500, kind: 'manual' },
      ],
      tax: null,
    })
    await invoke(app.dispatch, 'invoices:finalize', { id })
    const lines = await invoke(app.dispatch, 'invoices:export-csv', { lines: true })
    expect(parse(lines.text).slice(1)).toEqual([
      ['MB-2026-000001', "'@SUM(1)", '', `'=HYPERLINK("http://evil","x")`, '1', '1000'],
      ['MB-2026-000001', "'@SUM(1)", '', "'+1", '-2', '500'],
      ['MB-2026-000001', "'@SUM(1)", '', "'-2+3", '1', '-500'],
    ])
    const invoices = await invoke(app.dispatch, 'invoices:export-csv', {})
    expect(parse(invoices.text).slice(1)).toEqual([
      ['MB-2026-000001', "'@SUM(1)", 'USD', '1000', '0', '0', '0', '1000', 'finalized'],
    ])
  })
})

describe('other CSV downloads', () => {
  it('neutralises hostile cells of the usage rejects but keeps a rejected -5 as written', async () => {
    const app = await usageTestApp()
    try {
      const { result } = await importText(
        app,
        csv(
          'event_id,customer_id,metric,quantity,timestamp',
          '=cmd|x,nobody,api_calls,-5,2026-11-01T10:00:00Z',
        ),
      )
      const download = await invoke(app.dispatch, 'usage:rejects-csv', { importId: result.id })
      const [, row] = parse(download.text)
      expect(row?.slice(0, 4)).toEqual(["'=cmd|x", 'nobody', 'api_calls', '-5'])
    } finally {
      await app.close()
    }
  })

  it('neutralises an error type in the retry report and keeps amounts numbers', () => {
    const { text } = reportCsv({
      generatedAt: '2026-11-01T00:00:00.000Z',
      groups: [
        {
          errorType: '@evil',
          count: 2,
          oldest: '2026-10-01T00:00:00.000Z',
          averageAttempts: '1.5',
          atRisk: [{ currency: 'USD', amountMinor: -500 }],
        },
      ],
    })
    expect(parse(text)[1]).toEqual([
      "'@evil",
      '2',
      '2026-10-01T00:00:00.000Z',
      '1.5',
      'USD',
      '-500',
    ])
  })
})
