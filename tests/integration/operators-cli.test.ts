import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'

// The built CLI (`npm run build`), as an operator runs it from a shell or a scheduler.
const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const built =
  existsSync(cli) &&
  spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes(
    'operators add',
  )

const CLI_TEST_MS = 180_000
const folder = mkdtempSync(join(tmpdir(), 'mb-operators-cli-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const ROOT_PASSWORD = 'root-password-123'
const ANA_PASSWORD = 'ana-password-4567'

const run = (args: string[], env: Record<string, string> = {}) => {
  const clean = { ...process.env }
  delete clean['METERBOOK_PASSWORD']
  delete clean['METERBOOK_NEW_PASSWORD']
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...clean, ...env },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe.skipIf(!built)('operators on the command line', () => {
  it(
    'switches on with a first admin, adds a viewer, and refuses the viewer billing, also off the dispatcher',
    () => {
      const db = join(folder, 'team.sqlite')
      const asRoot = { METERBOOK_PASSWORD: ROOT_PASSWORD }
      expect(
        run(['operators', 'switch-on', 'root', '--display-name', 'Rosa Root', '--db', db], {
          METERBOOK_NEW_PASSWORD: ROOT_PASSWORD,
        }),
      ).toMatchObject({
        code: 0,
        stdout: 'Operators are on: sign in as root (admin), e.g. --operator root.\n',
      })

      // Without naming oneself, nothing runs on this ledger.
      const anonymous = run(['settings', 'get', '--db', db])
      expect(anonymous.code).toBe(1)
      expect(anonymous.stderr).toContain(
        'This ledger has operators: name yourself with --operator NAME',
      )

      expect(
        run(['operators', 'add', 'ana', '--role', 'viewer', '--db', db, '--operator', 'root'], {
          ...asRoot,
          METERBOOK_NEW_PASSWORD: ANA_PASSWORD,
        }),
      ).toMatchObject({ code: 0, stdout: 'Added ana (viewer).\n' })

      const listed = run(['operators', 'list', '--json', '--db', db, '--operator', 'root'], asRoot)
      expect(listed.code).toBe(0)
      expect(
        (JSON.parse(listed.stdout) as { name: string; role: string }[]).map((o) => [
          o.name,
          o.role,
        ]),
      ).toEqual([
        ['ana', 'viewer'],
        ['root', 'admin'],
      ])
      expect(listed.stdout).not.toContain('argon2')

      const asAna = { METERBOOK_PASSWORD: ANA_PASSWORD }
      const billing = run(['billing', 'run', '--db', db, '--operator', 'ana'], asAna)
      expect(billing.code).toBe(1)
      expect(billing.stderr).toBe(
        'meterbook: Signed in as ana (viewer): running billing needs the finance role.\n',
      )
      const usageFile = join(folder, 'usage.csv')
      writeFileSync(usageFile, 'event_id,customer_id,metric,quantity,timestamp\n')
      const usage = run(['usage', 'import', usageFile, '--db', db, '--operator', 'ana'], asAna)
      expect(usage.stderr).toBe(
        'meterbook: Signed in as ana (viewer): importing usage needs the finance role.\n',
      )
      // Through `call`: reading is allowed, changing is refused with the envelope.
      expect(run(['call', 'invoices:list', '--db', db, '--operator', 'ana'], asAna).code).toBe(0)
      const change = run(
        ['call', 'settings:update', '{"companyName":"Ana Ltd"}', '--db', db, '--operator', 'ana'],
        asAna,
      )
      expect(change.code).toBe(1)
      expect(JSON.parse(change.stdout)).toMatchObject({ ok: false, error: { code: 'forbidden' } })

      const wrong = run(['settings', 'get', '--db', db, '--operator', 'ana'], {
        METERBOOK_PASSWORD: 'not-the-password',
      })
      expect(wrong).toMatchObject({
        code: 1,
        stderr: 'meterbook: Sign-in failed: the name or the password is not right.\n',
      })
      const noPassword = run(['settings', 'get', '--db', db, '--operator', 'ana'])
      expect(noPassword.stderr).toContain('No password: set METERBOOK_PASSWORD')

      // The audit names the operator who changed something, not the OS user.
      expect(
        run(
          ['call', 'settings:update', '{"companyName":"Acme"}', '--db', db, '--operator', 'root'],
          asRoot,
        ).code,
      ).toBe(0)
      const ledger = new Database(db, { readonly: true })
      const names = ledger
        .prepare('SELECT operator FROM audit_entry WHERE action != ? ORDER BY id')
        .pluck()
        .all('operators:switch-on')
      ledger.close()
      expect(names).toEqual(['root', 'root'])
    },
    CLI_TEST_MS,
  )
})
