import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { addCustomer, invoicesTestApp, seedDraft } from './invoices-support'
import { fail, finalizedInvoice, queueOperation, retriesTestApp } from './retries-support'

// The month-end commands as a finance person runs them: the built bundle (`npm run build`).
const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const built =
  existsSync(cli) &&
  spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes(
    'credit-notes create',
  )

const CLI_TEST_MS = 180_000
const folders: string[] = []
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

const run = (args: string[], stdin?: string) => {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    ...(stdin === undefined ? {} : { input: stdin }),
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const year = new Date().getUTCFullYear()
const year2026 = 2026

/**
 * A ledger file with acme's invoice MB-2026-000001 (USD 100.00 + 19% VAT = USD 1,190.00 here:
 * 100,000 minor units of plan) and nippon's JPY invoice MB-2026-000002 (JPY 1,200 + 19% = 1,428),
 * both finalized and both failing to collect.
 */
const ledger = async (): Promise<{ folder: string; db: string; failures: number[] }> => {
  const folder = mkdtempSync(join(tmpdir(), 'mb-month-end-cli-'))
  folders.push(folder)
  const db = join(folder, 'ledger.sqlite')
  const app = await retriesTestApp({ ledgerPath: db })
  addCustomer(app.db, { externalId: 'nippon', name: 'Nippon KK', currency: 'JPY', plan: 'starter' })
  const acme = await finalizedInvoice(app, 'acme', 100_000)
  const nipponDraft = seedDraft(app.db, {
    customer: 'nippon',
    lines: [{ description: 'Plan', amountMinor: 1_200, kind: 'base' }],
  })
  const nippon = await invoke(app.dispatch, 'invoices:finalize', { id: nipponDraft })
  const failures = [
    { invoice: acme.id, customer: 'acme', amount: acme.totalMinor, currency: 'USD' },
    { invoice: nippon.id, customer: 'nippon', amount: nippon.totalMinor, currency: 'JPY' },
  ].map((f) => {
    const outboxId = queueOperation(app, {
      operation: 'invoice.collect',
      customer: f.customer,
      invoiceId: f.invoice,
      amountMinor: f.amount,
      currency: f.currency,
    })
    const customerRowId = app.db
      .prepare<[string], number>('SELECT id FROM customer WHERE external_id = ?')
      .pluck()
      .get(f.customer)
    return fail(app, {
      operation: 'invoice.collect',
      outboxId,
      customerRowId: customerRowId ?? null,
      invoiceId: f.invoice,
      amountMinor: f.amount,
      currency: f.currency,
      context: { step: 'pay' },
    }).failureId
  })
  await app.close()
  return { folder, db, failures }
}

describe.skipIf(!built)('month end from the command line (built CLI)', () => {
  it(
    'prints amounts at risk as money with their ISO 4217 exponent (JPY 1,428, USD 1,190.00), and --json keeps minor units',
    async () => {
      const { db } = await ledger()
      const report = run(['retries', 'report', '--db', db])
      expect(report.code).toBe(0)
      expect(report.stdout).toContain('at risk JPY 1,428, USD 1,190.00')
      expect(report.stdout).not.toContain('119000')
      const json = JSON.parse(run(['retries', 'report', '--db', db, '--json']).stdout) as {
        groups: { atRisk: unknown[] }[]
      }
      expect(json.groups[0]?.atRisk).toEqual([
        { currency: 'JPY', amountMinor: 1_428 },
        { currency: 'USD', amountMinor: 119_000 },
      ])

      const list = run(['retries', 'list', '--db', db])
      expect(list.code).toBe(0)
      expect(list.stdout).toContain('2 failure(s); at risk JPY 1,428, USD 1,190.00:')
      expect(list.stdout).toMatch(/acme\s+MB-2026-000001\s+USD 1,190.00/)
      expect(list.stdout).toMatch(/nippon\s+MB-2026-000002\s+JPY 1,428/)
      const listed = JSON.parse(run(['retries', 'list', '--db', db, '--json']).stdout) as {
        failures: { amountMinor: number; currency: string }[]
      }
      expect(listed.failures.map((f) => [f.amountMinor, f.currency]).sort()).toEqual([
        [119_000, 'USD'],
        [1_428, 'JPY'],
      ])
    },
    CLI_TEST_MS,
  )

  it(
    "prints a billing run's totals as money (USD 22.61), its --json in minor units",
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'mb-month-end-cli-'))
      folders.push(folder)
      const db = join(folder, 'ledger.sqlite')
      await (await invoicesTestApp({ ledgerPath: db })).close()
      const human = run(['billing', 'run', '--period', '2026-10', '--dry-run', '--db', db])
      expect(human.code).toBe(0)
      expect(human.stdout).toContain('\n  total USD 22.61\n')
      const json = run(['billing', 'run', '--period', '2026-10', '--dry-run', '--db', db, '--json'])
      expect(JSON.parse(json.stdout)).toMatchObject({ totals: { USD: 2_261 } })
    },
    CLI_TEST_MS,
  )

  it(
    'acts on the retry queue: resolve needs a note; one applied and one skipped exits 3',
    async () => {
      const { db, failures } = await ledger()
      const [usd = 0, jpy = 0] = failures
      expect(run(['retries', 'act', String(usd), '--action', 'resolve', '--db', db]).code).toBe(2)
      const resolved = run([
        'retries',
        'act',
        String(usd),
        '--action',
        'resolve',
        '--note',
        'Paid by wire',
        '--db',
        db,
      ])
      expect(resolved.stderr).toBe('')
      expect(resolved.code).toBe(0)
      expect(resolved.stdout).toContain('resolve: 1 updated, 0 skipped')
      expect(resolved.stdout).toContain('USD 1,190.00')
      const partly = run([
        'retries',
        'act',
        `${usd},${jpy}`,
        '--action',
        'write-off',
        '--note',
        'Gone',
        '--db',
        db,
        '--json',
      ])
      expect(partly.code).toBe(3)
      const result = JSON.parse(partly.stdout) as {
        updated: { id: number; status: string }[]
        skipped: { id: number }[]
      }
      expect(result.updated.map((f) => [f.id, f.status])).toEqual([[jpy, 'written_off']])
      expect(result.skipped.map((s) => s.id)).toEqual([usd])
      const all = JSON.parse(
        run(['retries', 'list', '--status', 'all', '--db', db, '--json']).stdout,
      ) as { failures: { id: number; status: string; resolutionNote: string | null }[] }
      expect(all.failures.map((f) => [f.id, f.status, f.resolutionNote]).sort()).toEqual([
        [usd, 'resolved', 'Paid by wire'],
        [jpy, 'written_off', 'Gone'],
      ])
    },
    CLI_TEST_MS,
  )

  it(
    'voids, writes off and marks paid by invoice number, each through its audited channel',
    async () => {
      const { db } = await ledger()
      expect(run(['invoices', 'void', 'MB-2026-000001', '--db', db]).code).toBe(2)
      const voided = run([
        'invoices',
        'void',
        'MB-2026-000001',
        '--reason',
        'Duplicate',
        '--db',
        db,
      ])
      expect(voided.stderr).toBe('')
      expect(voided.stdout).toBe(
        'Invoice MB-2026-000001 (Acme Analytics, acme): void, total USD 1,190.00\n',
      )
      const writeOff = run([
        'invoices',
        'write-off',
        'MB-2026-000002',
        '--reason',
        'Insolvent',
        '--db',
        db,
        '--json',
      ])
      expect(JSON.parse(writeOff.stdout)).toMatchObject({
        number: 'MB-2026-000002',
        status: 'uncollectible',
        totalMinor: 1_428,
        currency: 'JPY',
      })
      const missing = run(['invoices', 'mark-paid', 'MB-2026-000009', '--db', db])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toContain('There is no invoice numbered MB-2026-000009')
      const audit = JSON.parse(
        run(['call', 'audit:list', '{"entityType":"invoice"}', '--db', db]).stdout,
      ) as {
        value: { entries: { action: string; operator: string }[] }
      }
      expect(
        audit.value.entries
          .map((e) => e.action)
          .slice(0, 2)
          .sort(),
      ).toEqual(['invoices:mark-uncollectible', 'invoices:void'])
    },
    CLI_TEST_MS,
  )

  it(
    'issues a credit note by invoice number with its tax, to the balance or as a Stripe refund',
    async () => {
      const { db, folder } = await ledger()
      const balance = run([
        'credit-notes',
        'create',
        '--invoice',
        'MB-2026-000001',
        '--amount',
        '2500',
        '--reason',
        'Goodwill',
        '--settle',
        'balance',
        '--db',
        db,
      ])
      expect(balance.stderr).toBe('')
      expect(balance.stdout).toBe(
        `Credit note CN-${year}-000001 on MB-2026-000001: USD 29.75 (USD 25.00 + tax USD 4.75), added to the customer's credit balance\n`,
      )
      // A refund needs money to pay back: MB-2026-000002 is not paid yet.
      const refund = run([
        'credit-notes',
        'create',
        '--invoice',
        'MB-2026-000002',
        '--amount',
        '100',
        '--reason',
        'Outage',
        '--settle',
        'refund',
        '--db',
        db,
      ])
      expect(refund.code).toBe(1)
      expect(refund.stderr).toContain('is not paid, so there is no money to pay back')
      expect(
        run(['invoices', 'mark-paid', 'MB-2026-000002', '--reason', 'wire', '--db', db]).code,
      ).toBe(0)
      const outside = run([
        'credit-notes',
        'create',
        '--invoice',
        'MB-2026-000002',
        '--amount',
        '100',
        '--reason',
        'Outage',
        '--settle',
        'outside',
        '--db',
        db,
        '--json',
      ])
      expect(JSON.parse(outside.stdout)).toMatchObject({
        creditNote: {
          subtotalMinor: 100,
          taxMinor: 19,
          totalMinor: 119,
          currency: 'JPY',
          settlement: 'paid_outside',
        },
      })
      expect(
        run([
          'credit-notes',
          'create',
          '--invoice',
          'MB-2026-000001',
          '--amount',
          '12.50',
          '--reason',
          'x',
          '--settle',
          'balance',
          '--db',
          db,
        ]).code,
      ).toBe(2)
      const tooMuch = run([
        'credit-notes',
        'create',
        '--invoice',
        'MB-2026-000001',
        '--amount',
        '100000',
        '--reason',
        'x',
        '--settle',
        'balance',
        '--db',
        db,
      ])
      expect(tooMuch.code).toBe(1)
      expect(tooMuch.stderr).toContain('would credit more than invoice MB-2026-000001 charged')

      const pdf = join(folder, 'invoice.pdf')
      const written = run(['invoices', 'pdf', 'MB-2026-000001', '--out', pdf, '--db', db])
      expect(written.stdout).toBe(`Invoice MB-2026-000001 written to ${pdf}\n`)
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
    },
    CLI_TEST_MS,
  )

  it(
    'reads and patches settings as JSON, validated and audited by settings:update',
    async () => {
      const { db, folder } = await ledger()
      const before = JSON.parse(run(['settings', 'get', '--db', db]).stdout) as Record<
        string,
        unknown
      >
      expect(before).toMatchObject({ companyName: 'Meterbook Demo GmbH', paymentTermsDays: 14 })
      const patch = join(folder, 'patch.json')
      writeFileSync(patch, JSON.stringify({ paymentTermsDays: 30, companyName: 'Demo AG' }))
      const set = run(['settings', 'set', patch, '--db', db])
      expect(set.stderr).toBe('')
      expect(set.stdout).toBe('Settings updated: paymentTermsDays, companyName.\n')
      const piped = run(['settings', 'set', '-', '--db', db], '{"draftGraceDays": 500}')
      expect(piped.code).toBe(1)
      expect(piped.stderr).toContain('draftGraceDays')
      expect(run(['settings', 'set', '-', '--db', db], '{oops').code).toBe(2)
      const after = JSON.parse(run(['settings', 'get', '--db', db]).stdout) as Record<
        string,
        unknown
      >
      expect(after).toEqual({
        ...before,
        paymentTermsDays: 30,
        companyName: 'Demo AG',
        draftGraceDays: 3,
      })
      const audit = JSON.parse(
        run(['call', 'audit:list', '{"action":"settings:update"}', '--db', db]).stdout,
      ) as { value: { total: number } }
      // The test app's own settings, then this patch; the refused one left nothing.
      expect(audit.value.total).toBe(2)
    },
    CLI_TEST_MS,
  )

  it(
    'exports accounting CSVs for a range of days into a folder it creates',
    async () => {
      const { db, folder } = await ledger()
      const dir = join(folder, 'exports', '2026-11')
      expect(
        run(['export', 'accounting', '--from', '2026-11-01', '--out', dir, '--db', db]).code,
      ).toBe(2)
      const backwards = run([
        'export',
        'accounting',
        '--from',
        '2026-11-30',
        '--to',
        '2026-11-01',
        '--out',
        dir,
        '--db',
        db,
      ])
      expect(backwards.code).toBe(1)
      expect(backwards.stderr).toContain('ends (2026-11-01) before it starts')
      const done = run([
        'export',
        'accounting',
        '--from',
        '2026-11-01',
        '--to',
        '2026-11-30',
        '--out',
        dir,
        '--db',
        db,
        '--json',
      ])
      expect(done.stderr).toBe('')
      const name = (kind: string): string => join(dir, `${kind}-2026-11-01-to-2026-11-30.csv`)
      expect(JSON.parse(done.stdout)).toEqual({
        from: '2026-11-01',
        to: '2026-11-30',
        dir,
        files: [
          { file: name('invoices'), rows: 2 },
          { file: name('invoice-lines'), rows: 2 },
          { file: name('credit-notes'), rows: 0 },
          { file: name('payments'), rows: 0 },
          { file: name('refunds'), rows: 0 },
        ],
      })
      const invoices = readFileSync(name('invoices'), 'utf8').split('\r\n')
      expect(invoices[1]).toBe(
        'MB-2026-000001,finalized,acme,Acme Analytics,2026-10,2026-11-03,2026-11-17,,,USD,1000.00,0.00,0.00,VAT,19,190.00,1190.00',
      )
      expect(invoices[2]).toBe(
        'MB-2026-000002,finalized,nippon,Nippon KK,2026-10,2026-11-03,2026-11-17,,,JPY,1200,0,0,VAT,19,228,1428',
      )
      const human = run([
        'export',
        'accounting',
        '--from',
        '2026-11-01',
        '--to',
        '2026-11-30',
        '--out',
        dir,
        '--db',
        db,
      ])
      expect(human.stdout).toContain(
        `Accounting export of 2026-11-01 to 2026-11-30 written to ${dir}:`,
      )
      expect(human.stdout).toContain(`  ${name('invoices')}: 2 row(s)`)
    },
    CLI_TEST_MS,
  )

  it(
    'calls any channel through the dispatcher, errors as JSON, and lists channels with their input shapes',
    async () => {
      const { db } = await ledger()
      const list = run(['call', '--list'])
      expect(list.code).toBe(0)
      expect(list.stdout).toMatch(/invoices:void\s+mutation\s+\{ id: integer, reason: string \}/)
      const listed = JSON.parse(run(['call', '--list', '--json']).stdout) as {
        channel: string
        kind: string
        input: { required?: string[] }
      }[]
      expect(listed.find((c) => c.channel === 'retries:act')).toMatchObject({
        kind: 'mutation',
        input: { type: 'object', required: ['ids', 'action'] },
      })

      const got = run(['call', 'invoices:list', '{"status":"finalized"}', '--db', db])
      expect(got.code).toBe(0)
      expect(JSON.parse(got.stdout)).toMatchObject({ ok: true, value: { total: 2 } })
      const invalid = run(['call', 'invoices:void', '{"id":1}', '--db', db])
      expect(invalid.code).toBe(2)
      expect(JSON.parse(invalid.stdout)).toEqual({
        ok: false,
        error: {
          code: 'validation_failed',
          message:
            'Invalid input for invoices:void: reason: Invalid input: expected string, received undefined',
          fields: { reason: 'Invalid input: expected string, received undefined' },
        },
      })
      const conflict = run(['call', 'invoices:finalize', '-', '--db', db], '{"id": 1}')
      expect(conflict.code).toBe(1)
      expect(JSON.parse(conflict.stdout)).toMatchObject({ ok: false, error: { code: 'conflict' } })
      expect(JSON.parse(run(['call', 'nope:nope', '--db', db]).stdout)).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      })
      expect(year2026).toBe(2026)
    },
    CLI_TEST_MS,
  )
})
