import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { billingTestApp } from './billing-support'

// The built CLI (`npm run build`), as an operator runs it from a shell or a scheduler.
const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const built =
  existsSync(cli) &&
  spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes(
    'coupons redeem',
  )

const CLI_TEST_MS = 180_000
const folder = mkdtempSync(join(tmpdir(), 'mb-coupons-cli-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

type Ran = { code: number | null; stdout: string; stderr: string }

const run = (args: string[]): Ran => {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Runs the CLI as its own process without waiting: several of them run at once. */
const start = (args: string[]): Promise<Ran> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args])
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })

/** A ledger file with `acme` (Starter, USD) and `globex` (Business, EUR). */
const ledger = async (name: string): Promise<string> => {
  const path = join(folder, name)
  const app = await billingTestApp({ ledgerPath: path })
  await app.close()
  return path
}

describe.skipIf(!built)('coupons on the command line', () => {
  it(
    'creates, lists, redeems and archives a coupon',
    async () => {
      const db = await ledger('cli.sqlite')
      expect(
        run([
          'coupons',
          'create',
          'welcome20',
          '--name',
          'Welcome',
          '--percent-off',
          '20',
          '--duration',
          'repeating',
          '--periods',
          '3',
          '--max-redemptions',
          '10',
          '--db',
          db,
        ]),
      ).toMatchObject({
        code: 0,
        stdout: 'Created WELCOME20       20 % off, 3 periods, 0/10 redeemed\n',
      })
      const redeemed = run(['coupons', 'redeem', 'WELCOME20', '--customer', 'acme', '--db', db])
      expect(redeemed.code).toBe(0)
      expect(redeemed.stdout).toMatch(/^Redeemed WELCOME20 on acme: from period \d{4}-\d{2}\.\n$/)
      expect(run(['coupons', 'list', '--db', db]).stdout).toBe(
        'WELCOME20       20 % off, 3 periods, 1/10 redeemed\n',
      )
      expect(run(['coupons', 'archive', 'welcome20', '--db', db])).toMatchObject({
        code: 0,
        stdout: 'Archived WELCOME20.\n',
      })
      expect(run(['coupons', 'list', '--db', db]).stdout).toBe('No coupons.\n')
      const listed = JSON.parse(
        run(['coupons', 'list', '--all', '--json', '--db', db]).stdout,
      ) as unknown
      expect(listed).toMatchObject([{ code: 'WELCOME20', redemptions: 1 }])
      const refused = run(['coupons', 'redeem', 'WELCOME20', '--customer', 'globex', '--db', db])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain('Coupon WELCOME20 is archived and cannot be redeemed.')
    },
    CLI_TEST_MS,
  )

  it(
    'two processes racing for the last redemption: one wins, the other is refused',
    async () => {
      const db = await ledger('race.sqlite')
      run([
        'coupons',
        'create',
        'LAST',
        '--name',
        'Last one',
        '--amount-off',
        'USD=500,EUR=450',
        '--duration',
        'once',
        '--max-redemptions',
        '1',
        '--db',
        db,
      ])
      const results = await Promise.all(
        ['acme', 'globex'].map((customer) =>
          start(['coupons', 'redeem', 'LAST', '--customer', customer, '--db', db]),
        ),
      )
      expect(results.map((r) => r.code).sort()).toEqual([0, 1])
      expect(results.find((r) => r.code === 1)?.stderr).toContain(
        'Coupon LAST has reached its limit of 1 redemptions.',
      )
      const listed = JSON.parse(run(['coupons', 'list', '--json', '--db', db]).stdout) as unknown
      expect(listed).toMatchObject([{ code: 'LAST', redemptions: 1 }])
    },
    CLI_TEST_MS,
  )
})
