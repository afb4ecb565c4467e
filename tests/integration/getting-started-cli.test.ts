import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The README's "Getting started", run as written on the samples the project ships.
const root = fileURLToPath(new URL('../..', import.meta.url))
const cli = join(root, 'out', 'main', 'cli.js')

/** The `npx meterbook …` lines of the README's Getting started block, in order. */
const gettingStarted = (): string[][] => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const section = readme.split('## Getting started')[1]?.split('\n## ')[0] ?? ''
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? ''
  return block
    .split('\n')
    .filter((line) => line.startsWith('npx meterbook '))
    .map((line) => line.replace('npx meterbook ', '').split(' '))
}

describe('Getting started (README) on the shipped samples', () => {
  it('bills the sample month: five invoices, USD 2,243.40, each as worked out by hand', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-getting-started-'))
    const commands = gettingStarted()
    expect(commands.map((c) => c.slice(0, 2).join(' '))).toEqual([
      'catalog import',
      'customers import',
      'usage import',
      'billing run',
      'invoices finalize',
      'invoices export',
    ])
    const outputs = commands.map((args) => {
      // The README's paths are relative to the project folder; the export lands in `dir`.
      const resolved = args.map((arg) => (arg.startsWith('resources/') ? join(root, arg) : arg))
      const result = spawnSync(
        process.execPath,
        [cli, ...resolved, '--db', join(dir, 'l.sqlite')],
        {
          cwd: dir,
          env: { ...process.env, METERBOOK_STRIPE_KEY: '' },
          encoding: 'utf8',
          timeout: 60_000,
        },
      )
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0)
      return result.stdout
    })
    expect(outputs[2]).toContain('875 rows read: 850 imported, 25 duplicates, 0 rejected')
    expect(outputs[3]).toContain('5 invoices (5 created, 0 updated)')
    expect(outputs[3]).toContain('total USD 2,243.40')

    // Worked out by hand from the samples: the base fee (Hooli's prorated, 15 of 30 days), API
    // calls beyond the included units by graduated tiers, SMS in started packages of 100.
    //   acme      29.00 + (64,000 − 10,000) × 0.002                            + 5 × 1.50 =   144.50
    //   globex    99.00 + 1,000,000 × 0.0015 + (1,050,000 − 1,000,000) × 0.001 + 26 × 1.20 = 1,680.20
    //   initech   29.00 + 0 (8,000 of the 10,000 included)                                =    29.00
    //   umbrella  99.00 + (240,000 − 100,000) × 0.0015                        + 11 × 1.20 =   322.20
    //   hooli     14.50 + (35,000 − 10,000) × 0.002                            + 2 × 1.50 =    67.50
    const [header = '', ...rows] = readFileSync(join(dir, 'november.csv'), 'utf8')
      .trim()
      .split(/\r?\n/)
    const columns = header.split(',')
    const totals: Record<string, number> = Object.fromEntries(
      rows.map((row) => {
        const cells = row.split(',')
        return [
          cells[columns.indexOf('customer_id')] ?? '',
          Number(cells[columns.indexOf('total_minor')]),
        ] as const
      }),
    )
    expect(totals).toEqual({
      acme: 14450,
      globex: 168020,
      initech: 2900,
      umbrella: 32220,
      hooli: 6750,
    })
  })
})
