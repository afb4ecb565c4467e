import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { startFakeStripe } from '../fakes/stripe'
import { addCustomer, invoicesTestApp, seedDraft } from './invoices-support'

// Several processes on one ledger file, as the desktop app, `meterbook serve` and cron share it:
// the built CLI in loops (METERBOOK_CLI may point at another build, e.g. an older one).
const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const built =
  existsSync(cli) &&
  spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes(
    'retries process',
  )

const SOAK_MS = Number(process.env['METERBOOK_SOAK_MS'] ?? 15_000)
const EVENTS_PER_FILE = 400
const CUSTOMERS = Array.from({ length: 12 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`)
const folders: string[] = []
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

type Ran = { args: string[]; code: number | null; stdout: string; stderr: string }

const run = (args: string[], env: Record<string, string>): Promise<Ran> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => resolve({ args, code, stdout, stderr }))
  })

/** Runs `step` again and again while `more` says so; every outcome is kept. */
const loop = async <T>(
  more: (i: number) => boolean,
  step: (i: number) => Promise<T>,
): Promise<T[]> => {
  const outcomes: T[] = []
  for (let i = 0; more(i); i++) outcomes.push(await step(i))
  return outcomes
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

const usageFile = (folder: string, i: number): string => {
  const file = join(folder, `usage-${i}.csv`)
  const rows = Array.from({ length: EVENTS_PER_FILE }, (_, n) => {
    const customer = CUSTOMERS[n % CUSTOMERS.length] ?? 'c01'
    const minute = String(n % 60).padStart(2, '0')
    return `u${i}-${n},${customer},api_calls,${(n % 7) + 1},2026-11-12T10:${minute}:00Z`
  })
  writeFileSync(file, `event_id,customer_id,metric,quantity,timestamp\n${rows.join('\n')}\n`)
  return file
}

describe.skipIf(!built)('several processes on one ledger (built CLI)', () => {
  it(
    'billing runs, usage imports, two retry processors and settings and credit changes at once: no unexpected error, a consistent ledger',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'mb-processes-'))
      folders.push(folder)
      const db = join(folder, 'ledger.sqlite')
      const app = await invoicesTestApp({ ledgerPath: db })
      for (const c of CUSTOMERS)
        addCustomer(app.db, {
          externalId: c,
          name: c.toUpperCase(),
          currency: 'USD',
          plan: 'starter',
        })
      // A finalized September invoice each, for the payment and retry processors to work on.
      for (const c of CUSTOMERS) {
        const id = seedDraft(app.db, { customer: c, period: '2026-09' })
        await invoke(app.dispatch, 'invoices:finalize', { id })
      }
      const fake = await startFakeStripe()
      // One request in three fails with a 500: failures go to the retry queue and come back.
      fake.setFaultRate(0.33, ['server_error'], 16)
      const env = {
        METERBOOK_STRIPE_KEY: 'sk_test_soak12345678',
        METERBOOK_STRIPE_API_BASE: fake.url,
      }
      try {
        const push = await run(['payments', 'push', '--period', '2026-09', '--db', db], env)
        expect(push.stderr).not.toMatch(/unexpected|busy|locked/i)

        // Each command runs at least twice however slow the machine, and for SOAK_MS at least.
        const deadline = Date.now() + SOAK_MS
        const cliMore = (i: number): boolean => i < 2 || Date.now() < deadline
        let cliDone = false
        const settingsAndCredits = loop(
          () => !cliDone,
          async (i) => {
            const result =
              i % 2 === 0
                ? await app.dispatch('settings:update', { companyName: `Meterbook Demo ${i}` })
                : await app.dispatch('credits:add', {
                    externalId: CUSTOMERS[i % CUSTOMERS.length] ?? 'c01',
                    kind: 'grant',
                    amountMinor: 100,
                    note: 'soak',
                  })
            // Leave this process's event loop to the fake Stripe between writes.
            await pause(10)
            return result
          },
        )
        const commands = Promise.all([
          loop(cliMore, () => run(['billing', 'run', '--db', db, '--json'], env)),
          loop(cliMore, (i) => run(['usage', 'import', usageFile(folder, i), '--db', db], env)),
          loop(cliMore, () => run(['retries', 'process', '--now', '--db', db, '--json'], env)),
          loop(cliMore, () => run(['retries', 'process', '--now', '--db', db, '--json'], env)),
        ]).finally(() => {
          cliDone = true
        })
        const [[billing, imports, retriesA, retriesB], changes] = await Promise.all([
          commands,
          settingsAndCredits,
        ])

        const runs = [...billing, ...imports, ...retriesA, ...retriesB]
        const failed = runs.filter((r) => r.code !== 0 || /unexpected|busy|locked/i.test(r.stderr))
        expect(failed.map((r) => `${r.args.join(' ')} → ${r.code}: ${r.stderr}`)).toEqual([])
        expect(changes.filter((r) => !r.ok)).toEqual([])
        expect(app.errors).toEqual([])
        // Each loop did its work more than once, so they really overlapped.
        for (const outcomes of [billing, imports, retriesA, retriesB, changes])
          expect(outcomes.length).toBeGreaterThan(1)

        const one = <T>(sql: string, ...params: unknown[]): T =>
          app.db
            .prepare(sql)
            .pluck()
            .get(...params) as T
        expect(
          app.db
            .prepare(
              'SELECT subscription_id, period FROM invoice GROUP BY subscription_id, period HAVING COUNT(*) > 1',
            )
            .all(),
        ).toEqual([])
        expect(one("SELECT COUNT(*) FROM usage_import WHERE status = 'completed'")).toBe(
          imports.length,
        )
        expect(one('SELECT COUNT(*) FROM usage_event')).toBe(imports.length * EVENTS_PER_FILE)
        expect(
          one("SELECT COUNT(*) FROM billing_run WHERE dry_run = 0 AND status = 'completed'"),
        ).toBe(billing.length)
        const audited = (action: string): number =>
          one('SELECT COUNT(*) FROM audit_entry WHERE action = ?', action)
        const settingsCalls = Math.ceil(changes.length / 2)
        const grants = changes.length - settingsCalls
        expect(audited('settings:update')).toBe(settingsCalls + 1) // and the fixture's own
        expect(audited('credits:add')).toBe(grants)
        expect(audited('usage:import-begin')).toBe(imports.length)
        expect(audited('usage:import-completed')).toBe(imports.length)
        expect(audited('billing:run-start')).toBe(billing.length)
        expect(audited('billing:run-finish')).toBe(billing.length)
        expect(
          one("SELECT COUNT(*) FROM credit_entry WHERE kind = 'grant' AND note = 'soak'"),
        ).toBe(grants)
        // Every customer's balance is the sum of their credit entries.
        for (const c of CUSTOMERS) {
          const ledgers = await invoke(app.dispatch, 'credits:ledger', { externalId: c })
          const sum = one<number>(
            `SELECT COALESCE(SUM(e.amount_minor), 0) FROM credit_entry e
             JOIN customer c ON c.id = e.customer_id WHERE c.external_id = ?`,
            c,
          )
          expect(ledgers.reduce((s, l) => s + l.balanceMinor, 0)).toBe(sum)
        }
        expect(one('PRAGMA quick_check')).toBe('ok')
      } finally {
        await fake.close()
        await app.close()
      }
    },
    SOAK_MS + 120_000,
  )
})
