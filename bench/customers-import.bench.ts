import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

// The CLI as users run it: the built bundle (`npm run build`). METERBOOK_CLI points elsewhere.
const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
const TIME = '/usr/bin/time'

// Targets (issue #16, item 12): 100,000 customers in under 10 s and 300 MB, from the command.
const CUSTOMERS = 100_000
const TARGET_MS = 10_000
const TARGET_RSS_MB = 300

const dir = mkdtempSync(join(tmpdir(), 'mb-customers-bench-'))
const ledger = join(dir, 'ledger.sqlite')
const full = join(dir, 'customers.csv')
const partial = join(dir, 'customers-partial.csv')

/** Runs the CLI under `time -v` when there is one: its wall time, peak memory and output. */
type Measured = { ms: number; cpuS: number | null; rssMb: number | null; stdout: string }
const measured = (args: string[]): Measured => {
  const timed = existsSync(TIME)
  const started = performance.now()
  const result = spawnSync(
    timed ? TIME : process.execPath,
    timed ? ['-v', process.execPath, cli, ...args] : [cli, ...args],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  )
  const ms = performance.now() - started
  if (result.status !== 0) throw new Error(`meterbook ${args.join(' ')} failed: ${result.stderr}`)
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1]
  // CPU time too: on a shared machine the wall time mostly says how busy the neighbours are.
  const user = /User time \(seconds\): ([\d.]+)/.exec(result.stderr)?.[1]
  const system = /System time \(seconds\): ([\d.]+)/.exec(result.stderr)?.[1]
  const cpuS = user && system ? Number(user) + Number(system) : null
  return { ms, cpuS, rssMb: rss ? Number(rss) / 1024 : null, stdout: result.stdout }
}

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first.`)
  const catalog = join(dir, 'catalog.yaml')
  writeFileSync(
    catalog,
    readFileSync(new URL('../tests/fixtures/catalog.yaml', import.meta.url), 'utf8').replace(
      'effectiveDate: 2026-12-01',
      'effectiveDate: 2026-01-01',
    ),
  )
  measured(['catalog', 'import', catalog, '--db', ledger])
  const rows = Array.from({ length: CUSTOMERS }, (_, i) => {
    const id = `cust-${String(i).padStart(6, '0')}`
    const exempt = i % 10 === 0 ? 'yes' : 'no'
    return `${id},Customer ${i},billing+${i}@example.com,starter,2026-10-01,1,,DE,${exempt},${(i % 5) * 1000}`
  })
  writeFileSync(
    full,
    `external_id,name,email,plan,start_date,billing_anchor_day,trial_end,tax_region,tax_exempt,override.api_calls.included_units\n${rows.join('\n')}\n`,
  )
  // The re-import that used to reset tax_exempt: required columns only, a new name each.
  const renamed = Array.from({ length: CUSTOMERS }, (_, i) => {
    const id = `cust-${String(i).padStart(6, '0')}`
    return `${id},Customer ${i} GmbH,billing+${i}@example.com,starter,2026-10-01`
  })
  writeFileSync(partial, `external_id,name,email,plan,start_date\n${renamed.join('\n')}\n`)
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe(`customers import of ${CUSTOMERS.toLocaleString('en')} rows`, () => {
  // Each import once: a second run of the same file would find every customer unchanged.
  test('creates, then updates from a partial file', { timeout: 600_000 }, () => {
    const outcomes = [
      { label: 'first import (all created)', file: full },
      { label: 'partial re-import (all updated)', file: partial },
    ].map(({ label, file }) => {
      const run = measured(['customers', 'import', file, '--db', ledger, '--json'])
      return { label, ...run, summary: JSON.parse(run.stdout) as unknown }
    })
    console.log(
      outcomes
        .map(
          (o) =>
            `${o.label}: ${(o.ms / 1000).toFixed(2)} s (CPU ${o.cpuS === null ? 'unknown' : `${o.cpuS.toFixed(2)} s`}), peak ${o.rssMb === null ? 'unknown' : `${Math.round(o.rssMb)} MB`}`,
        )
        .join('\n'),
    )
    const [created, updated] = outcomes
    expect(created?.summary).toMatchObject({ read: CUSTOMERS, created: CUSTOMERS, rejected: 0 })
    expect(updated?.summary).toMatchObject({ read: CUSTOMERS, updated: CUSTOMERS, rejected: 0 })
    const check = new Database(ledger, { readonly: true })
    // The partial file kept every customer's exemption and override.
    expect(check.prepare('SELECT COUNT(*) FROM customer WHERE tax_exempt = 1').pluck().get()).toBe(
      CUSTOMERS / 10,
    )
    expect(
      check
        .prepare(
          "SELECT COUNT(*) FROM audit_entry WHERE action = 'customers:import' AND entity_type = 'customer'",
        )
        .pluck()
        .get(),
    ).toBe(2 * CUSTOMERS)
    check.close()
    for (const o of outcomes) {
      expect(o.ms).toBeLessThan(TARGET_MS)
      if (o.rssMb !== null) expect(o.rssMb).toBeLessThan(TARGET_RSS_MB)
    }
  })
})
