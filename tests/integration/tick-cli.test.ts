import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { appendCreditEntry } from '../../src-main/credits/credit-ledger'
import { invoke } from '../../src-main/ipc/dispatcher'
import { addEvents, billingTestApp } from './billing-support'

// The built CLI (`npm run build`) under faketime (`apt-get install -y faketime`), which moves the
// whole process's clock: the command reads the real clock, as it does when cron runs it.
const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const faketime = ['/usr/bin/faketime', '/usr/local/bin/faketime'].find((p) => existsSync(p))
const built =
  existsSync(cli) &&
  spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes('billing run')

const CLI_TEST_MS = 180_000
const folders: string[] = []
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/**
 * acme: Starter (USD 19.00 a month, 10,000 calls included, then 0.002) from 2026-10-01, still
 * marked trialing with a trial that ended that day; October billed on 15 November and left a
 * draft; then 5.00 of credit granted that expired on 31 December; nothing ran after that.
 */
const ledger = async (): Promise<string> => {
  const folder = mkdtempSync(join(tmpdir(), 'mb-tick-cli-'))
  folders.push(folder)
  const path = join(folder, 'ledger.sqlite')
  const app = await billingTestApp({ ledgerPath: path })
  addEvents(app.db, 'acme', [
    ['oct', 'api_calls', '20000', '2026-10-03T10:00:00Z'],
    ['dec', 'api_calls', '30000', '2026-12-03T10:00:00Z'],
  ])
  app.db
    .prepare(
      `UPDATE subscription SET status = 'trialing', trial_end = '2026-10-01'
       WHERE customer_id = (SELECT id FROM customer WHERE external_id = 'acme')`,
    )
    .run()
  await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
  appendCreditEntry(app.db, {
    customerId: Number(
      app.db.prepare("SELECT id FROM customer WHERE external_id = 'acme'").pluck().get(),
    ),
    currency: 'USD',
    kind: 'grant',
    amountMinor: 500,
    expiresAt: '2026-12-31T23:59:59.999Z',
    at: '2026-11-15T12:00:00.000Z',
    operator: 'tester',
  })
  await app.close()
  return path
}

/** `meterbook tick` on 15 February 2027 at noon UTC, as cron would run it. */
const tick = (path: string, json: boolean) => {
  const result = spawnSync(
    faketime ?? 'faketime',
    [
      '-f',
      '@2027-02-15 12:00:00',
      process.execPath,
      cli,
      'tick',
      '--db',
      path,
      ...(json ? ['--json'] : []),
    ],
    {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, TZ: 'UTC', FAKETIME_DONT_FAKE_MONOTONIC: '1' },
    },
  )
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe.skipIf(!built || !faketime)('meterbook tick (built CLI)', () => {
  it(
    "does one slot's work: finalizes, expires credit, ends the trial, then bills every ended period",
    async () => {
      const path = await ledger()
      const first = tick(path, true)
      expect(first.stderr).toBe('')
      expect(first.code).toBe(0)
      expect(JSON.parse(first.stdout)).toEqual({
        run_id: expect.any(String) as unknown,
        status: 'completed',
        error: null,
        // October was finalized first; then November to January, oldest first.
        billed: [
          {
            customer_id: 'acme',
            subscription_id: 1,
            periods: [
              expect.objectContaining({ period: '2026-11', outcome: 'created', total_minor: 1900 }),
              // 19.00 + (30,000 − 10,000) × 0.002 = 59.00.
              expect.objectContaining({ period: '2026-12', outcome: 'created', total_minor: 5900 }),
              expect.objectContaining({ period: '2027-01', outcome: 'created', total_minor: 1900 }),
            ] as unknown,
          },
        ],
        unbilled: [],
        totals: { USD: 9700 },
        drafts_finalized: [{ invoice_id: 1, number: 'MB-2027-000001' }],
        // The slot finalized it as a person would, and says what it went out with.
        finalize_warnings: [
          expect.objectContaining({
            code: 'seller_details_missing',
            customer_id: 'acme',
            invoice_id: 1,
          }),
          expect.objectContaining({ code: 'tax_rate_missing', customer_id: 'acme', invoice_id: 1 }),
        ],
        drafts_not_finalized: [],
        credits_expired: [{ customer_id: 'acme', currency: 'USD', amount_minor: 500 }],
        transitions: [
          {
            customer_id: 'acme',
            from: 'trialing',
            to: 'active',
            at: expect.any(String) as unknown,
            reason: 'Trial ended',
          },
        ],
        // Email is not set up on this ledger: no reminders, no mail pass.
        reminders_queued: 0,
        mail: null,
      })
      const db = new Database(path, { readonly: true })
      const invoices = db.prepare('SELECT period, status FROM invoice ORDER BY period').raw().all()
      db.close()
      expect(invoices).toEqual([
        ['2026-10', 'finalized'],
        ['2026-11', 'draft'],
        ['2026-12', 'draft'],
        ['2027-01', 'draft'],
      ])

      // The same slot again: nothing new to do, nothing billed twice; money reads as money.
      const again = tick(path, false)
      expect(again.code).toBe(0)
      expect(again.stdout).toContain('0 drafts finalized')
      expect(again.stdout).toContain('total USD 97.00')
      expect(again.stdout).toContain('billed: acme 2026-12 (unchanged) USD 59.00')
      expect(again.stdout).not.toMatch(/credit expired|→/)
      const after = new Database(path, { readonly: true })
      expect(after.prepare('SELECT count(*) FROM invoice').pluck().get()).toBe(4)
      after.close()
    },
    CLI_TEST_MS,
  )
})
