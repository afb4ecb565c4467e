import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import Papa from 'papaparse'
import { afterAll, describe, expect, it } from 'vitest'
import { openLedger } from '../../src-main/db/ledger'
import { hasCustomerIndex } from '../../src-main/usage/customer-index'
import { markInterruptedImports } from '../../src-main/usage/interrupted'
import { csv, usageTestApp } from './usage-support'

// The CLI as users run it: the built bundle (`npm run build`); METERBOOK_CLI points elsewhere.
const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const hasUsageImport =
  existsSync(cli) &&
  spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes('usage import')

const folders: string[] = []
const dir = (): string => {
  const folder = mkdtempSync(join(tmpdir(), 'mb-usage-cli-'))
  folders.push(folder)
  return folder
}
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** A ledger file with the catalog fixture's plans and the customers acme and globex. */
const ledger = async (folder: string): Promise<string> => {
  const path = join(folder, 'ledger.sqlite')
  const app = await usageTestApp({ ledgerPath: path })
  await app.close()
  return path
}

const run = (args: string[]) => {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const header = 'event_id,customer_id,metric,quantity,timestamp'

// Until the command is registered and built, the engine is tested in process (the other
// usage-*.test.ts files); this file then runs against the real binary.
describe.skipIf(!hasUsageImport)('meterbook usage import', () => {
  it('prints the counts as JSON, exits 3 (partly done) on rejected rows, and writes them with --rejects-out', async () => {
    const folder = dir()
    const db = await ledger(folder)
    const file = join(folder, 'usage.csv')
    writeFileSync(
      file,
      csv(
        header,
        'e1,acme,api_calls,1,2026-11-01T10:00:00Z',
        'e2,nobody,api_calls,1,2026-11-01T10:00:00Z',
        'e1,acme,api_calls,1,2026-11-01T10:00:00Z',
      ),
    )
    const rejects = join(folder, 'rejects.csv')
    const { code, stdout } = run([
      'usage',
      'import',
      file,
      '--db',
      db,
      '--json',
      '--rejects-out',
      rejects,
    ])
    // One row rejected: partly done.
    expect(code).toBe(3)
    expect(JSON.parse(stdout)).toMatchObject({
      read: 3,
      imported: 1,
      duplicates: 1,
      rejected: 1,
      late: 0,
      import_id: expect.any(String) as unknown,
    })
    expect(Papa.parse(readFileSync(rejects, 'utf8').trim()).data).toEqual([
      [...header.split(','), 'row_number', 'column', 'value', 'reason'],
      [
        'e2',
        'nobody',
        'api_calls',
        '1',
        '2026-11-01T10:00:00Z',
        '2',
        'customer_id',
        'nobody',
        'unknown customer',
      ],
    ])

    const human = run(['usage', 'import', file, '--db', db, '--rejects-out', rejects])
    expect(human.code).toBe(3)
    expect(human.stdout).toContain('3 rows read: 0 imported, 2 duplicates, 1 rejected, 0 late')
    expect(human.stdout).toContain(`Rejected rows written to ${rejects}`)
    expect(human.stderr).toBe('')
  })

  it('takes the format from the extension, and columns from --mapping', async () => {
    const folder = dir()
    const db = await ledger(folder)
    const file = join(folder, 'usage.ndjson')
    writeFileSync(
      file,
      '{"ref":"j1","acct":"acme","metric":"api_calls","quantity":2.5,"timestamp":"2026-11-01T10:00:00Z"}\n',
    )
    const { code, stdout } = run([
      'usage',
      'import',
      file,
      '--db',
      db,
      '--json',
      '--mapping',
      'event_id=ref, customer_id=acct',
    ])
    expect([code, JSON.parse(stdout)]).toMatchObject([0, { read: 1, imported: 1 }])
    expect(run(['usage', 'import', file, '--db', db, '--mapping', 'event=ref']).code).toBe(2)
    expect(run(['usage', 'import', file, '--db', db, '--format', 'xml']).code).toBe(2)
  })

  it('starts on the bare ledger connection, without loading the ORM', async () => {
    const folder = dir()
    const db = await ledger(folder)
    const file = join(folder, 'usage.csv')
    writeFileSync(file, csv(header, 'e1,acme,api_calls,1,2026-11-01T10:00:00Z'))
    // Lists the CommonJS packages the process loaded, as it exits.
    const probe = join(folder, 'probe.cjs')
    writeFileSync(
      probe,
      `process.on('exit', () => process.stderr.write('packages: ' + JSON.stringify([...new Set(
        Object.keys(require.cache).flatMap((k) => /node_modules[\\/]([^\\/]+)/.exec(k)?.slice(1) ?? []))])))`,
    )
    const result = spawnSync(
      process.execPath,
      ['--require', probe, cli, 'usage', 'import', file, '--db', db, '--json'],
      { encoding: 'utf8', timeout: 60_000 },
    )
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: 1 })
    const packages = JSON.parse(/packages: (.*)/.exec(result.stderr)?.[1] ?? '[]') as string[]
    expect(packages).toContain('better-sqlite3')
    expect(packages).not.toContain('typeorm')
  })

  it('exits 1 when nothing could be read, or an all-or-nothing import was refused', async () => {
    const folder = dir()
    const db = await ledger(folder)
    const empty = join(folder, 'empty.csv')
    writeFileSync(empty, '')
    const refused = run(['usage', 'import', empty, '--db', db])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('The file is empty')

    const wrong = join(folder, 'wrong.csv')
    writeFileSync(
      wrong,
      csv('id,customer,metric,quantity,when', 'e1,acme,api_calls,1,2026-11-01T10:00:00Z'),
    )
    const missing = run(['usage', 'import', wrong, '--db', db, '--json'])
    expect(missing.code).toBe(1)
    expect(JSON.parse(missing.stdout)).toMatchObject({ status: 'refused', read: 0 })
    expect(missing.stderr).toContain('"timestamp" (for timestamp)')

    const mixed = join(folder, 'mixed.csv')
    writeFileSync(
      mixed,
      csv(
        header,
        'a1,acme,api_calls,1,2026-11-01T10:00:00Z',
        'a2,nobody,api_calls,1,2026-11-01T10:00:00Z',
      ),
    )
    const all = run(['usage', 'import', mixed, '--db', db, '--all-or-nothing', '--json'])
    expect(all.code).toBe(1)
    expect(JSON.parse(all.stdout)).toMatchObject({
      status: 'refused',
      read: 2,
      imported: 0,
      rejected: 1,
    })
    expect(run(['usage', 'import', join(folder, 'absent.csv'), '--db', db]).code).toBe(1)
  })

  it(
    'survives being killed mid-import: a re-run stores every event exactly once',
    { timeout: 120_000 },
    async () => {
      const folder = dir()
      const db = await ledger(folder)
      const rows = 300_000
      const file = join(folder, 'big.csv')
      const lines = [header]
      for (let i = 0; i < rows; i++)
        lines.push(
          `k${String(i).padStart(6, '0')},${i % 3 === 0 ? 'globex,sms' : 'acme,api_calls'},${i % 100},2026-11-01T${String(i % 24).padStart(2, '0')}:00:00Z`,
        )
      writeFileSync(file, `${lines.join('\n')}\n`)

      const child = spawn(process.execPath, [cli, 'usage', 'import', file, '--db', db, '--json'])
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.once('exit', (_code, signal) => resolve(signal)),
      )
      const watcher = new Database(db, { readonly: true, fileMustExist: true })
      const progress = watcher
        .prepare('SELECT read FROM usage_import ORDER BY started_at DESC LIMIT 1')
        .pluck()
      let committed = 0
      for (let waited = 0; waited < 60_000 && committed === 0; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10))
        committed = (progress.get() as number | undefined) ?? 0
      }
      child.kill('SIGKILL')
      expect(await exited).toBe('SIGKILL')
      expect(committed).toBeGreaterThan(0)

      // What the killed import recorded is exactly what it stored: whole batches only.
      const killed = watcher.prepare('SELECT id, read, imported FROM usage_import').get() as {
        id: string
        read: number
        imported: number
      }
      const stored = watcher
        .prepare(
          'SELECT COUNT(*) FROM usage_event WHERE import_seq = (SELECT seq FROM usage_import WHERE id = ?)',
        )
        .pluck()
        .get(killed.id) as number
      expect(killed.read).toBeLessThan(rows)
      expect(killed.imported).toBe(stored)
      expect(killed.read).toBe(stored)
      // The import had dropped the customer index to build it at its end, which never came.
      expect(hasCustomerIndex(watcher)).toBe(false)
      watcher.close()

      // The desktop app, started next, marks it interrupted (a one-off CLI command leaves it).
      const desktop = await openLedger(db)
      expect(markInterruptedImports(desktop)).toBe(1)
      await desktop.close()

      const rerun = run(['usage', 'import', file, '--db', db, '--json'])
      expect(rerun.code).toBe(0)
      expect(JSON.parse(rerun.stdout)).toMatchObject({
        read: rows,
        duplicates: stored,
        imported: rows - stored,
        rejected: 0,
      })

      const check = new Database(db, { readonly: true })
      expect(check.prepare('SELECT COUNT(*) FROM usage_event').pluck().get()).toBe(rows)
      expect(
        check
          .prepare(
            "SELECT COUNT(DISTINCT event_id) FROM usage_event WHERE event_id BETWEEN 'k000000' AND 'k299999'",
          )
          .pluck()
          .get(),
      ).toBe(rows)
      expect(
        check.prepare('SELECT status FROM usage_import WHERE id = ?').pluck().get(killed.id),
      ).toBe('interrupted')
      expect(hasCustomerIndex(check)).toBe(true)
      check.close()
    },
  )
})
