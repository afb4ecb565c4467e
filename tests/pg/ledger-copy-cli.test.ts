import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { CopyReport } from '../../src-main/ledger-copy/copy-ledger'
import { describePg, freshDatabase } from './pg-support'

// The CLI as users run it: the built bundle (`npm run build`), in a child process.
const cli = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
let folder = ''

const run = (args: string[]) => {
  const result = spawnSync(process.execPath, [cli, ...args], {
    env: { ...process.env, HOME: folder, METERBOOK_STRIPE_KEY: '' },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describePg('meterbook ledger copy from the command line', () => {
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error('Build the CLI first: npm run build')
    folder = mkdtempSync(join(tmpdir(), 'meterbook-copy-cli-'))
  })
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('copies a file ledger to the server with --json, then refuses to copy into it again', async () => {
    const file = join(folder, 'desktop.sqlite')
    const patch = join(folder, 'settings.json')
    writeFileSync(patch, JSON.stringify({ companyName: 'Acme Billing' }))
    expect(run(['settings', 'set', patch, '--db', file]).code).toBe(0)
    const server = await freshDatabase()
    const copied = run(['ledger', 'copy', '--from', file, '--to', server, '--json'])
    // The company's settings and the operators switch every ledger is migrated with.
    expect(copied.stderr).toContain('setting: 2 of 2 rows')
    expect(copied.code).toBe(0)
    const report = JSON.parse(copied.stdout) as CopyReport
    expect(report.tables.find((t) => t.table === 'setting')).toMatchObject({
      sourceRows: 2,
      targetRows: 2,
      matches: true,
    })
    expect(report.tables.every((t) => t.matches)).toBe(true)
    const again = run(['ledger', 'copy', '--from', file, '--to', server])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/is not empty \(\w+ holds rows\)/)
    const back = run(['ledger', 'copy', '--from', server, '--to', join(folder, 'back.sqlite')])
    expect(back.code).toBe(0)
    expect(back.stdout).toMatch(/^setting\s+2\s+2\s+[0-9a-f]{12}\s+[0-9a-f]{12}\s+ok$/m)
  })
})
