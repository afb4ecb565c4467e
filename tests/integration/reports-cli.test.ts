import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AgedReceivablesReport, UsageBillingReport } from '../../src-shared/domain/reports'
import { reportsLedger } from './reports-support'

// The reports commands as a finance person runs them: the built bundle (`npm run build`).
const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const built =
  existsSync(cli) &&
  spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes(
    'reports monthly',
  )

const CLI_TEST_MS = 120_000
const folder = mkdtempSync(join(tmpdir(), 'mb-reports-cli-'))
const db = join(folder, 'ledger.sqlite')
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const run = (args: string[]) => {
  const result = spawnSync(process.execPath, [cli, ...args, '--db', db], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe.skipIf(!built)('meterbook reports', () => {
  beforeAll(async () => {
    const app = await reportsLedger({ ledgerPath: db })
    await app.close()
  }, CLI_TEST_MS)

  it(
    'prints a month as JSON with the figures per customer and currency',
    () => {
      const got = run(['reports', 'monthly', '--month', '2026-11', '--format', 'json'])
      expect(got.code).toBe(0)
      const report = JSON.parse(got.stdout) as UsageBillingReport
      expect(report.totals.map((t) => [t.currency, t.invoicedMinor, t.outstandingMinor])).toEqual([
        ['EUR', 10_000, 4_000],
        ['USD', 33_320, 40_460],
      ])
      const acme = run(['reports', 'monthly', '--month', '2026-11', '--customer', 'acme', '--json'])
      const narrowed = JSON.parse(acme.stdout) as UsageBillingReport
      expect(narrowed.billing.map((r) => [r.customerId, r.creditedMinor])).toEqual([
        ['acme', 2_380],
      ])
    },
    CLI_TEST_MS,
  )

  it(
    'writes a year as CSV to stdout and to a file, and a PDF to a file',
    () => {
      const got = run(['reports', 'annual', '--year', '2026', '--format', 'csv'])
      expect(got.code).toBe(0)
      const rows = Papa.parse<Record<string, string>>(got.stdout, {
        header: true,
        skipEmptyLines: true,
      }).data
      expect(
        rows
          .filter((r) => r['section'] === 'billing_total')
          .map((r) => [r['currency'], r['invoiced'], r['collected'], r['credited']]),
      ).toEqual([
        ['EUR', '140.00', '100.00', '0.00'],
        ['USD', '499.80', '47.60', '35.70'],
      ])
      const csv = join(folder, 'year.csv')
      expect(
        run(['reports', 'annual', '--year', '2026', '--format', 'csv', '--out', csv]).code,
      ).toBe(0)
      expect(readFileSync(csv, 'utf8')).toBe(got.stdout)
      const pdf = join(folder, 'aged.pdf')
      const written = run([
        'reports',
        'aged',
        '--as-of',
        '2026-12-07',
        '--format',
        'pdf',
        '--out',
        pdf,
      ])
      expect(written.code).toBe(0)
      expect(written.stdout).toContain(`Report written to ${pdf}`)
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    },
    CLI_TEST_MS,
  )

  it(
    'ages receivables as of a day, as JSON and for people',
    () => {
      const json = run(['reports', 'aged', '--as-of', '2026-12-07', '--json'])
      expect(json.code).toBe(0)
      const aged = JSON.parse(json.stdout) as AgedReceivablesReport
      expect(aged.totals.map((t) => [t.currency, t['1-30'], t['90+'], t.totalMinor])).toEqual([
        ['EUR', 0, 0, 4_000],
        ['USD', 13_090, 2_380, 41_650],
      ])
      const human = run(['reports', 'aged', '--as-of', '2026-12-07', '--customer', 'initech'])
      expect(human.stdout).toContain(
        'initech USD: current USD 0.00, 1-30 USD 35.70, 31-60 USD 0.00, 61-90 USD 0.00, 90+ USD 23.80, total USD 59.50',
      )
    },
    CLI_TEST_MS,
  )

  it(
    'refuses a PDF without --out, an unknown format and an unknown customer',
    () => {
      const noOut = run(['reports', 'monthly', '--month', '2026-11', '--format', 'pdf'])
      expect(noOut.code).toBe(2)
      expect(noOut.stderr).toContain('--out FILE.pdf is required')
      expect(run(['reports', 'monthly', '--month', '2026-11', '--format', 'xls']).code).toBe(2)
      const unknown = run(['reports', 'monthly', '--month', '2026-11', '--customer', 'nobody'])
      expect(unknown.code).toBe(1)
      expect(unknown.stderr).toContain('No customer "nobody".')
    },
    CLI_TEST_MS,
  )

  it(
    'lists the reports channels in call --list',
    () => {
      const list = run(['call', '--list'])
      expect(list.code).toBe(0)
      expect(list.stdout).toMatch(/reports:usage-billing\s+query/)
      expect(list.stdout).toMatch(/reports:aged-receivables\s+query/)
      expect(list.stdout).toMatch(/reports:file\s+query/)
    },
    CLI_TEST_MS,
  )
})
