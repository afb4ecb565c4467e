import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { movesApp } from './plan-moves-support'

// The built CLI (`npm run build`), as the other CLI tests run it.
const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const built =
  existsSync(cli) &&
  spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes(
    'plans move-subscribers',
  )
const CLI_TEST_MS = 180_000

const folders: string[] = []
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

const run = (args: string[]) => {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe.skipIf(!built)('meterbook plans move-subscribers (built CLI)', () => {
  it(
    'previews with --dry-run, then moves the chosen customers through the dispatcher',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'mb-plan-moves-cli-'))
      folders.push(folder)
      const db = join(folder, 'ledger.sqlite')
      const app = await movesApp({ ledgerPath: db })
      await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
      await app.close()
      const args = ['plans', 'move-subscribers', '--plan', 'starter', '--from-version', '1']
      const target = ['--to-version', '2', '--date', '2026-11-01', '--db', db]

      const preview = run([...args, ...target, '--dry-run'])
      expect(preview.stderr).toBe('')
      expect(preview.code).toBe(0)
      expect(preview.stdout).toContain('Would move 2 subscriber(s) of starter')
      expect(preview.stdout).toContain('acme (ACME): 2026-10: $59.00 → $91.00 (+$32.00)')
      expect(preview.stdout).toContain('total USD, 2 billed: $78.00 → $122.00 (+$44.00)')

      const moved = run([...args, ...target, '--customers', 'initech', '--json'])
      expect(moved.code).toBe(0)
      expect(JSON.parse(moved.stdout)).toMatchObject({
        moved: ['initech'],
        dry_run: false,
        totals: [{ currency: 'USD', fromMinor: 1900, toMinor: 3100, differenceMinor: 1200 }],
      })

      const again = run([...args, '--to-version', '7', '--date', '2026-11-01', '--db', db])
      expect(again.code).toBe(1)
      expect(again.stderr).toBe(
        'meterbook: Cannot move subscribers: toVersion 7 is not a published version of starter.\n',
      )
    },
    CLI_TEST_MS,
  )
})
