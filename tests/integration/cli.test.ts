import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import type { HealthCheck } from '../../src-shared/domain/system'
import { electronRuntime } from '../../src-main/cli/commands/desktop'
import { startFakeStripe } from '../fakes/stripe'

// The CLI as users run it: the built bundle (`npm run build`), in a child process.
const cli = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))

const home = (): string => mkdtempSync(join(tmpdir(), 'mb-cli-'))
const env = (dir: string): NodeJS.ProcessEnv => ({
  ...process.env,
  HOME: dir,
  XDG_CONFIG_HOME: join(dir, '.config'),
  APPDATA: join(dir, 'AppData'),
  METERBOOK_STRIPE_KEY: '',
})

const run = (args: string[], dir = home()) => {
  const result = spawnSync(process.execPath, [cli, ...args], {
    env: env(dir),
    encoding: 'utf8',
    timeout: 20_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Asynchronously, so a fake Stripe server in this process can answer the child. */
const runAsync = (args: string[], childEnv: NodeJS.ProcessEnv) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: childEnv })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })

beforeAll(() => {
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does).`)
})

describe('meterbook doctor', () => {
  it('prints JSON naming the ledger path and the applied migrations', () => {
    const dir = home()
    const db = join(dir, 'ledger.sqlite')
    const { code, stdout } = run(['doctor', '--json', '--db', db])
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as Record<string, unknown>
    expect(report).toMatchObject({
      productName: 'Meterbook',
      host: 'cli',
      integrity: 'ok',
      stripeConfigured: false,
      ledger: {
        path: db,
        migrations: [
          { name: '0001-initial' },
          { name: '0002-catalog' },
          { name: '0003-customers-usage' },
          { name: '0005-billing' },
          { name: '0006-payments' },
          { name: '0007-usage-covering-index' },
          { name: '0008-transition-cause' },
          { name: '0009-usage-compact-events' },
          { name: '0010-run-item-periods' },
          { name: '0012-document-snapshots' },
          { name: '0013-money-movements' },
          { name: '0018-import-owner' },
          { name: '0019-money-bounds' },
          { name: '0020-stripe-key-pause' },
          { name: '0021-operators' },
          { name: '0023-list-sorting' },
          { name: '0024-usage-explorer' },
          { name: '0025-disputes' },
          { name: '0026-usage-alerts' },
          { name: '0027-mail' },
          { name: '0028-coupons' },
        ],
      },
    })
    expect(report['nodeVersion']).toMatch(/^2\d\./)
  })

  it('accepts the global flags before or after the command words', () => {
    const dir = home()
    const db = join(dir, 'ledger.sqlite')
    const before = JSON.parse(run(['--json', '--db', db, 'doctor'], dir).stdout) as {
      ledger: { path: string }
    }
    expect(before.ledger.path).toBe(db)
  })

  it("uses the desktop app's ledger in the user-data folder by default", () => {
    const dir = home()
    const report = JSON.parse(run(['doctor', '--json'], dir).stdout) as { ledger: { path: string } }
    expect(report.ledger.path).toBe(join(dir, '.config', 'Meterbook', 'meterbook.sqlite'))
  })

  it('checks the Stripe key against the configured endpoint: accepted, refused, unreachable', async () => {
    const fake = await startFakeStripe()
    const dir = home()
    const doctorWith = async (key: string, apiBase: string) => {
      const result = await runAsync(['doctor', '--json', '--db', join(dir, 'l.sqlite')], {
        ...env(dir),
        METERBOOK_STRIPE_KEY: key,
        METERBOOK_STRIPE_API_BASE: apiBase,
      })
      const report = JSON.parse(result.stdout) as {
        checks: HealthCheck[]
        stripeConfigured: boolean
      }
      return { ...result, report, stripe: report.checks.find((c) => c.area === 'stripe') }
    }
    try {
      const up = await doctorWith('sk_test_123', fake.url)
      expect(up.report.stripeConfigured).toBe(true)
      expect(up.stripe).toMatchObject({ status: 'ok' })
      expect(up.stripe?.detail).toContain(
        'key accepted (test mode), account "Meterbook fake account"',
      )
      expect(up.code).toBe(0)
      expect(up.stdout).not.toContain('sk_test_123')
      expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /v1/balance',
        'GET /v1/account',
      ])

      fake.acceptedKeys.add('sk_test_the_right_one')
      const refused = await doctorWith('sk_test_123', fake.url)
      expect(refused.stripe).toMatchObject({ status: 'problem' })
      expect(refused.stripe?.detail).toContain('refused the key')
      expect(refused.code).toBe(1)
    } finally {
      await fake.close()
    }
    const down = await doctorWith('sk_test_123', fake.url)
    expect(down.stripe).toMatchObject({ status: 'problem' })
    expect(down.stripe?.detail).toContain('did not answer')
    expect(down.stripe?.action).toContain('Check the network')
    expect(down.code).toBe(1)
  })

  it('prints a what-to-do line for each problem and exits 1 when something needs attention', () => {
    const dir = home()
    const db = join(dir, 'ledger.sqlite')
    expect(run(['doctor', '--db', db], dir).code).toBe(0)
    chmodSync(db, 0o644)
    const { code, stdout } = run(['doctor', '--db', db], dir)
    expect(code).toBe(1)
    expect(stdout).toMatch(/WARNING ledger permissions .*other users of this machine can read/)
    expect(stdout).toContain(`→ chmod 600 "${db}"`)
    expect(stdout).toMatch(/off {5}stripe .*no key configured/)
    expect(stdout).toContain('Something needs attention')
  })

  it('creates a new ledger readable by its owner only, its WAL too', () => {
    const dir = home()
    const db = join(dir, 'private', 'ledger.sqlite')
    expect(run(['doctor', '--db', db], dir).code).toBe(0)
    expect(statSync(db).mode & 0o777).toBe(0o600)
    expect(statSync(dirname(db)).mode & 0o777).toBe(0o700)
    if (existsSync(`${db}-wal`)) expect(statSync(`${db}-wal`).mode & 0o777).toBe(0o600)
  })

  it('refuses a server address for --db instead of making a folder of it', () => {
    const dir = home()
    const { code, stderr } = run(
      ['doctor', '--db', 'postgres://postgres:secret@127.0.0.1:55432/meterbook'],
      dir,
    )
    expect(code).toBe(1)
    expect(stderr).toContain('is a server address')
    expect(stderr).not.toContain('secret')
    expect(existsSync(join(dir, 'postgres:'))).toBe(false)
  })

  it('fails with a clear message on a file that is not a ledger, leaving it untouched', () => {
    const dir = home()
    const db = join(dir, 'notes.txt')
    writeFileSync(db, 'not a database, just notes\n'.repeat(100))
    const { code, stderr, stdout } = run(['doctor', '--db', db], dir)
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain('is not a readable Meterbook ledger')
    expect(readFileSync(db, 'utf8')).toBe('not a database, just notes\n'.repeat(100))
  })
})

describe('meterbook usage errors', () => {
  it.each([
    [['frobnicate'], 'Unknown command "frobnicate"'],
    [[], 'No command given'],
    [['doctor', '--colour'], "Unknown option '--colour'"],
    [['serve', '--port', 'eighty'], '--port must be a number'],
    [['doctor', '--db'], "Option '--db <value>' argument missing"],
  ])('exits 2 with a message on stderr for %j', (args, message) => {
    const { code, stderr, stdout } = run(args)
    expect(code).toBe(2)
    expect(stderr).toContain(message)
    expect(stdout).toBe('')
  })

  it('prints help and exits 0', () => {
    const { code, stdout } = run(['--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('meterbook <command>')
    expect(stdout).toContain('doctor')
    expect(stdout).toContain('serve')
  })
})

describe('meterbook serve', () => {
  it('prints the address first, serves the contract, and stops cleanly on SIGTERM', async () => {
    const dir = home()
    const child = spawn(
      process.execPath,
      [cli, 'serve', '--port', '0', '--db', join(dir, 'l.sqlite')],
      {
        env: env(dir),
      },
    )
    const lines = createInterface({ input: child.stdout })
    const first = await new Promise<string>((resolve) => lines.once('line', resolve))
    expect(first).toMatch(/^Listening on http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/)

    const url = first.slice('Listening on '.length)
    const token = new URL(url).searchParams.get('token') ?? ''
    const response = await fetch(new URL('/api/invoke/system:info', url), {
      method: 'POST',
      headers: { 'x-meterbook-token': token, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(await response.json()).toMatchObject({ ok: true, value: { host: 'web' } })

    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
  })
})

describe('meterbook desktop', () => {
  it.skipIf(electronRuntime() !== undefined)(
    'without the Electron runtime, says so and points to the browser host',
    () => {
      const { code, stdout } = run(['desktop'])
      expect(code).toBe(1)
      expect(stdout).toContain('desktop shell is unavailable')
      expect(stdout).toContain('npm run start:web')
    },
  )
})
