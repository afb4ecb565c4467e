import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { csv, usageTestApp } from './usage-support'

// The CLI as users run it: the built bundle (`npm run build`).
const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const hasAlerts =
  existsSync(cli) &&
  spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes('alerts list')

const folders: string[] = []
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

const run = (args: string[]) => {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const header = 'event_id,customer_id,metric,quantity,timestamp'

describe.skipIf(!hasAlerts)('meterbook alerts', () => {
  it('usage import reports the alerts it fired; alerts list shows them, filtered', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mb-alerts-cli-'))
    folders.push(folder)
    const db = join(folder, 'ledger.sqlite')
    await (await usageTestApp({ ledgerPath: db })).close()
    const file = join(folder, 'usage.csv')
    // acme: 4 of 5 seats (80 %); globex: 85 of 100 GB (its plan alerts at 80 and 100 %).
    writeFileSync(
      file,
      csv(
        header,
        'c1,acme,seats,4,2026-11-03T10:00:00Z',
        'c2,globex,storage_gb,85,2026-11-03T10:00:00Z',
      ),
    )
    const imported = run(['usage', 'import', file, '--db', db, '--json'])
    expect(imported.code).toBe(0)
    const result = JSON.parse(imported.stdout) as {
      alerts: { customerId: string; threshold: number }[]
    }
    expect(result.alerts.map((a) => `${a.customerId} ${a.threshold}`).sort()).toEqual([
      'acme 75',
      'globex 80',
    ])
    const again = run(['usage', 'import', file, '--db', db])
    expect(again.code).toBe(0)
    expect(again.stdout).not.toMatch(/usage alert/)

    const text = run(['alerts', 'list', '--db', db])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^2 alert\(s\); 2 not acknowledged:/)
    expect(text.stdout).toMatch(/acme\s+seats\s+2026-11\s+75%\s+4 of 5/)
    const json = run(['alerts', 'list', '--customer', 'globex', '--db', db, '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject({
      total: 1,
      alerts: [
        { customerId: 'globex', metric: 'storage_gb', threshold: 80, used: '85', limit: '100' },
      ],
    })
  })
})
