import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { electronRuntime } from '../../src-main/cli/commands/desktop'

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

  it('says whether Stripe is configured', () => {
    const dir = home()
    const result = spawnSync(
      process.execPath,
      [cli, 'doctor', '--json', '--db', join(dir, 'l.sqlite')],
      {
        env: { ...env(dir), METERBOOK_STRIPE_KEY: 'sk_test_123' },
        encoding: 'utf8',
      },
    )
    expect(JSON.parse(result.stdout)).toMatchObject({ stripeConfigured: true })
    expect(result.stdout).not.toContain('sk_test_123')
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
    const login = await fetch(url, { redirect: 'manual' })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const response = await fetch(new URL('/api/invoke/system:info', url), {
      method: 'POST',
      headers: { cookie },
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
