import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

// The built CLI (`npm run build`), as an operator runs it from a shell or a scheduler.
const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const built =
  existsSync(cli) &&
  spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes(
    'ledger encrypt',
  )

const folder = mkdtempSync(join(tmpdir(), 'mb-encryption-cli-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const run = (args: string[], env: Record<string, string> = {}) => {
  const clean = { ...process.env }
  delete clean['METERBOOK_LEDGER_KEY']
  delete clean['METERBOOK_NEW_LEDGER_KEY']
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...clean, ...env },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const CUSTOMER = JSON.stringify({
  externalId: 'zq',
  name: 'Zebulon Quartz Holdings',
  email: 'secret.billing@zebulon.example',
  currency: 'USD',
})

describe.skipIf(!built)('an encrypted ledger on the command line', () => {
  it('is encrypted, refused without its passphrase, used with it (billing included), rekeyed and decrypted', () => {
    const db = join(folder, 'ledger.sqlite')
    expect(run(['call', 'customers:save', CUSTOMER, '--db', db]).code).toBe(0)

    const encrypted = run(['ledger', 'encrypt', '--db', db, '--json'], {
      METERBOOK_NEW_LEDGER_KEY: 'first passphrase',
    })
    expect(encrypted).toMatchObject({ code: 0 })
    expect(JSON.parse(encrypted.stdout)).toEqual({ path: db, action: 'encrypt', encrypted: true })
    expect(readFileSync(db).includes('Zebulon')).toBe(false)

    const locked = run(['call', 'customers:list', '{}', '--db', db])
    expect(locked.code).toBe(1)
    expect(locked.stderr).toContain(
      `The ledger at ${db} is encrypted: give its passphrase in METERBOOK_LEDGER_KEY`,
    )
    const wrong = run(['doctor', '--db', db], { METERBOOK_LEDGER_KEY: 'not it at all' })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain(`The passphrase does not open the ledger at ${db}`)

    const key = { METERBOOK_LEDGER_KEY: 'first passphrase' }
    const listed = run(['call', 'customers:list', '{}', '--db', db, '--json'], key)
    expect(listed.code).toBe(0)
    expect(listed.stdout).toContain('Zebulon Quartz Holdings')
    // A billing run writes on a worker thread with its own connection: it opens the file too.
    const billed = run(['billing', 'run', '--period', '2026-11', '--db', db, '--json'], key)
    expect(billed.code).toBe(0)
    expect(JSON.parse(billed.stdout)).toMatchObject({ status: 'completed', failed: 0 })

    expect(
      run(['ledger', 'rekey', '--db', db], {
        ...key,
        METERBOOK_NEW_LEDGER_KEY: 'second passphrase',
      }).code,
    ).toBe(0)
    expect(run(['doctor', '--db', db], key).code).toBe(1)
    const decrypted = run(['ledger', 'decrypt', '--db', db], {
      METERBOOK_LEDGER_KEY: 'second passphrase',
    })
    expect(decrypted).toMatchObject({
      code: 0,
      stdout: `${db}: Decrypted: the ledger opens without a passphrase again.\n`,
    })
    expect(readFileSync(db).includes('Zebulon')).toBe(true)
    expect(run(['call', 'customers:list', '{}', '--db', db]).code).toBe(0)
  }, 180_000)
})
