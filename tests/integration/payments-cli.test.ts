import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { startFakeStripe } from '../fakes/stripe'
import { invoicesTestApp, seedDraft } from './invoices-support'

// The CLI as OS schedulers run it: the built bundle, pointed at the fake Stripe by environment.
const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const built =
  existsSync(cli) &&
  spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes(
    'retries process',
  )

const CLI_TEST_MS = 180_000
const folders: string[] = []
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** Runs the CLI without blocking: the fake Stripe answers from this very process. */
const run = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })

describe.skipIf(!built)('meterbook payments and retries (built CLI)', () => {
  it(
    'pushes and collects a period, syncs events once, and reports no failures left',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'mb-payments-cli-'))
      folders.push(folder)
      const db = join(folder, 'ledger.sqlite')
      const app = await invoicesTestApp({ ledgerPath: db })
      for (const customer of ['acme', 'globex']) {
        const id = seedDraft(app.db, { customer, period: '2026-10' })
        await invoke(app.dispatch, 'invoices:finalize', { id })
      }
      await app.close()
      const fake = await startFakeStripe()
      const env = {
        METERBOOK_STRIPE_KEY: 'sk_test_cli12345678',
        METERBOOK_STRIPE_API_BASE: fake.url,
      }
      try {
        const push = await run(
          ['payments', 'push', '--period', '2026-10', '--db', db, '--json'],
          env,
        )
        expect(push.stderr).toBe('')
        expect(push.code).toBe(0)
        expect(JSON.parse(push.stdout)).toMatchObject({
          period: '2026-10',
          queued: 2,
          alreadyQueued: 0,
          attempted: 6,
          succeeded: 6,
          failed: 0,
          remaining: 0,
        })
        expect(fake.charges.map((c) => c.amount).sort((a, b) => a - b)).toEqual([11_900, 11_900])

        const sync = await run(['payments', 'sync', '--db', db, '--json'], env)
        expect(sync.code).toBe(0)
        const synced = JSON.parse(sync.stdout) as { fetched: number; applied: number }
        expect(synced.fetched).toBeGreaterThan(0)
        const again = JSON.parse(
          (await run(['payments', 'sync', '--db', db, '--json'], env)).stdout,
        ) as { applied: number }
        expect(again.applied).toBe(0)

        const report = await run(['retries', 'report', '--db', db, '--json'], env)
        expect(JSON.parse(report.stdout)).toMatchObject({ groups: [] })
        const processed = await run(['retries', 'process', '--now', '--db', db, '--json'], env)
        expect(JSON.parse(processed.stdout)).toMatchObject({ attempted: 0, remaining: 0 })
      } finally {
        await fake.close()
      }
    },
    CLI_TEST_MS,
  )

  it(
    'exits 3 when a push is only partly done (a request failed), still printing the JSON',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'mb-payments-cli-'))
      folders.push(folder)
      const db = join(folder, 'ledger.sqlite')
      const app = await invoicesTestApp({ ledgerPath: db })
      for (const customer of ['acme', 'globex']) {
        const id = seedDraft(app.db, { customer, period: '2026-10' })
        await invoke(app.dispatch, 'invoices:finalize', { id })
      }
      await app.close()
      const fake = await startFakeStripe()
      // One payment answered with a 500: that operation waits for its retry, the rest is sent.
      fake.injectFault('server_error', { match: (req) => req.path.endsWith('/pay') })
      try {
        const push = await run(['payments', 'push', '--period', '2026-10', '--db', db, '--json'], {
          METERBOOK_STRIPE_KEY: 'sk_test_cli12345678',
          METERBOOK_STRIPE_API_BASE: fake.url,
        })
        expect(push.code).toBe(3)
        expect(JSON.parse(push.stdout)).toMatchObject({ queued: 2, failed: 1, remaining: 1 })
      } finally {
        await fake.close()
      }
    },
    CLI_TEST_MS,
  )

  it(
    'without a key, says how to configure one and exits 1',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'mb-payments-cli-'))
      folders.push(folder)
      const result = await run(['retries', 'process', '--db', join(folder, 'ledger.sqlite')], {
        METERBOOK_STRIPE_KEY: '',
      })
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('METERBOOK_STRIPE_KEY')
    },
    CLI_TEST_MS,
  )
})
