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

const run = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })

describe.skipIf(!built)('meterbook retries process on a refused Stripe key (built CLI)', () => {
  it(
    'says the key was refused and exits 1, then sends everything once the environment has another key',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'mb-key-refused-cli-'))
      folders.push(folder)
      const db = join(folder, 'ledger.sqlite')
      const app = await invoicesTestApp({ ledgerPath: db })
      for (const customer of ['acme', 'globex']) {
        const id = seedDraft(app.db, { customer, period: '2026-10' })
        await invoke(app.dispatch, 'invoices:finalize', { id })
        await invoke(app.dispatch, 'payments:push', { invoiceIds: [id] })
      }
      await app.close()
      const fake = await startFakeStripe()
      fake.acceptedKeys.add('sk_test_right5678')
      const base = { METERBOOK_STRIPE_API_BASE: fake.url }
      try {
        const refused = await run(['retries', 'process', '--now', '--db', db], {
          ...base,
          METERBOOK_STRIPE_KEY: 'sk_test_wrong1234',
        })
        expect(refused.code).toBe(1)
        expect(refused.stderr).toContain('The Stripe key was refused (sk_test_…1234)')
        expect(refused.stdout).toContain('6 operation(s) wait in the outbox')

        const sent = await run(['retries', 'process', '--db', db, '--json'], {
          ...base,
          METERBOOK_STRIPE_KEY: 'sk_test_right5678',
        })
        expect(sent.code).toBe(0)
        expect(JSON.parse(sent.stdout)).toMatchObject({
          attempted: 6,
          succeeded: 6,
          failed: 0,
          remaining: 0,
          keyRefused: null,
        })
      } finally {
        await fake.close()
      }
    },
    CLI_TEST_MS,
  )
})
