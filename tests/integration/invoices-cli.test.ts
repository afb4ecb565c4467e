import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Papa from 'papaparse'
import { afterAll, describe, expect, it } from 'vitest'
import { invoicesTestApp, seedDraft } from './invoices-support'

// The CLI as users run it: the built bundle (`npm run build`), whose dependencies (pdfkit with
// its font metrics, papaparse) load from node_modules at run time; METERBOOK_CLI points elsewhere.
const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const built =
  existsSync(cli) &&
  spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes(
    'invoices finalize',
  )

// Each run starts a Node process on the whole bundle: seconds each on a busy machine.
const CLI_TEST_MS = 180_000

const folders: string[] = []
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** A ledger file with two October drafts (acme in USD, globex in EUR) and a September one. */
const ledger = async (): Promise<{ folder: string; db: string; drafts: number[] }> => {
  const folder = mkdtempSync(join(tmpdir(), 'mb-invoices-cli-'))
  folders.push(folder)
  const db = join(folder, 'ledger.sqlite')
  const app = await invoicesTestApp({ ledgerPath: db })
  const drafts = [
    seedDraft(app.db, { customer: 'acme', period: '2026-10' }),
    seedDraft(app.db, { customer: 'globex', period: '2026-10', tax: null }),
    seedDraft(app.db, { customer: 'acme', period: '2026-09' }),
  ]
  await app.close()
  return { folder, db, drafts }
}

const run = (args: string[]) => {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe.skipIf(!built)('meterbook invoices (built CLI)', () => {
  it(
    "finalizes a period's drafts and exports them and their lines as CSV",
    async () => {
      const { folder, db } = await ledger()
      const finalized = run(['invoices', 'finalize', '--period', '2026-10', '--db', db, '--json'])
      const year = new Date().getUTCFullYear()
      // globex's draft was made without a rate for its region: issued, and said so.
      expect(finalized.stderr).toMatch(
        new RegExp(`^meterbook: warning: MB-${year}-000002 \\(globex\\): No tax rate is set`),
      )
      expect(finalized.code).toBe(0)
      expect(JSON.parse(finalized.stdout)).toEqual({
        period: '2026-10',
        finalized: 2,
        numbers: [`MB-${year}-000001`, `MB-${year}-000002`],
        warnings: [
          {
            invoice: `MB-${year}-000002`,
            customerId: 'globex',
            code: 'tax_rate_missing',
            message: expect.stringContaining('regenerate it to charge tax') as string,
          },
        ],
      })
      const again = run(['invoices', 'finalize', '--period', '2026-10', '--db', db, '--json'])
      expect(JSON.parse(again.stdout)).toMatchObject({ finalized: 0, numbers: [] })

      const out = join(folder, 'october.csv')
      const exported = run(['invoices', 'export', '--period', '2026-10', '--out', out, '--db', db])
      expect(exported.code).toBe(0)
      expect(exported.stdout).toContain(`2 invoices of 2026-10 written to ${out}`)
      const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), {
        header: true,
        skipEmptyLines: true,
      })
      expect(rows.meta.fields).toEqual([
        'invoice_number',
        'customer_id',
        'currency',
        'subtotal_minor',
        'discount_minor',
        'credit_minor',
        'tax_minor',
        'total_minor',
        'status',
      ])
      expect(rows.data.map((r) => [r['customer_id'], r['total_minor'], r['status']])).toEqual([
        ['acme', '11900', 'finalized'],
        ['globex', '10000', 'finalized'],
      ])

      const linesOut = join(folder, 'lines.csv')
      const lines = run(['invoices', 'export', '--lines', '--out', linesOut, '--db', db, '--json'])
      expect(JSON.parse(lines.stdout)).toEqual({
        file: linesOut,
        period: null,
        lines: true,
        rows: 3,
      })
      expect(readFileSync(linesOut, 'utf8').split('\r\n')[0]).toBe(
        'invoice_number,customer_id,feature,description,quantity,amount_minor',
      )
    },
    CLI_TEST_MS,
  )

  it(
    'answers a wrong or missing period with a usage error (exit 2)',
    async () => {
      const { db } = await ledger()
      expect(run(['invoices', 'finalize', '--db', db]).code).toBe(2)
      const wrong = run(['invoices', 'finalize', '--period', '2026-13', '--db', db])
      expect(wrong.code).toBe(2)
      expect(wrong.stderr).toContain('--period must be a month as YYYY-MM')
      expect(run(['invoices', 'export', '--period', '2026-10', '--db', db]).code).toBe(2)
    },
    CLI_TEST_MS,
  )

  it(
    'renders PDFs in the built bundle (pdfkit loads its fonts from node_modules)',
    async () => {
      const { db, drafts } = await ledger()
      const server = spawn(process.execPath, [cli, 'serve', '--port', '0', '--db', db])
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let seen = ''
          server.stdout.on('data', (chunk: Buffer) => {
            seen += chunk.toString()
            const match = /Listening on (\S+)/.exec(seen)
            if (match?.[1]) resolve(match[1])
          })
          server.on('exit', (code) => reject(new Error(`serve exited with ${String(code)}`)))
        })
        const token = new URL(url).searchParams.get('token') ?? ''
        const response = await fetch(`${new URL(url).origin}/api/invoke/invoices:pdf`, {
          method: 'POST',
          headers: { 'x-meterbook-token': token, 'content-type': 'application/json' },
          body: JSON.stringify({ id: drafts[0] }),
        })
        const result = (await response.json()) as {
          ok: boolean
          value?: { base64: string; fileName: string }
        }
        expect(result.ok).toBe(true)
        expect(result.value?.fileName).toBe(`draft-${drafts[0] ?? 0}.pdf`)
        const pdf = Buffer.from(result.value?.base64 ?? '', 'base64')
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
        expect(pdf.length).toBeGreaterThan(1_000)
      } finally {
        server.kill('SIGTERM')
      }
    },
    CLI_TEST_MS,
  )
})
