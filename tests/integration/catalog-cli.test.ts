import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const cli = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const fixture = fileURLToPath(new URL('../fixtures/catalog.yaml', import.meta.url))

const run = (args: string[]) => {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 20_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

beforeAll(() => {
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does).`)
})

describe('meterbook customers import', () => {
  it('imports customers after the catalog, reporting rejected rows and exiting 3 (partly done)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-customers-'))
    const db = join(dir, 'ledger.sqlite')
    const catalog = join(dir, 'catalog.yaml')
    writeFileSync(
      catalog,
      readFileSync(fixture, 'utf8').replace(
        'effectiveDate: 2026-12-01',
        'effectiveDate: 2026-01-01',
      ),
    )
    expect(run(['catalog', 'import', catalog, '--db', db]).code).toBe(0)
    const customers = fileURLToPath(new URL('../fixtures/customers.csv', import.meta.url))
    const result = run(['customers', 'import', customers, '--db', db, '--json'])
    expect(result.code).toBe(3)
    expect(JSON.parse(result.stdout)).toMatchObject({ read: 5, created: 2, rejected: 3 })
    const human = run(['customers', 'import', customers, '--db', db])
    expect(human.code).toBe(3)
    expect(human.stdout).toContain('Read 5: 0 created, 0 updated, 2 unchanged, 3 rejected')
    expect(human.stdout).toContain('row 3, email "not-an-email": must be a valid email address')
  })
})

describe('meterbook catalog import / export', () => {
  it('imports a document, then exports it as YAML or JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-catalog-'))
    const db = join(dir, 'ledger.sqlite')
    const imported = run(['catalog', 'import', fixture, '--db', db, '--json'])
    expect(imported.code).toBe(0)
    expect(JSON.parse(imported.stdout)).toEqual({
      plans: [
        { id: 'starter', outcome: 'created', version: 1 },
        { id: 'business', outcome: 'created', version: 1 },
      ],
      warnings: [],
    })
    expect(run(['--db', db, 'catalog', 'import', fixture]).stdout).toContain(
      'starter: unchanged (version 1)',
    )

    const yaml = run(['catalog', 'export', '--db', db])
    expect(yaml.code).toBe(0)
    expect(yaml.stdout).toContain('- id: starter')

    const out = join(dir, 'catalog.json')
    expect(run(['catalog', 'export', '--db', db, '--out', out]).code).toBe(0)
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({
      plans: [{ id: 'business' }, { id: 'starter' }],
    })
  })

  it('fails with the path and line of a bad value, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-catalog-'))
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, readFileSync(fixture, 'utf8').replace('limit: 5', 'limit: five'))
    const { code, stderr } = run(['catalog', 'import', bad, '--db', join(dir, 'l.sqlite')])
    expect(code).toBe(1)
    expect(stderr).toMatch(
      /plans\[0\]\.features\[1\]\.limit \(line \d+\): must be a non-negative decimal number/,
    )
  })

  it('says plainly when the file cannot be read, and exits 2 without one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-catalog-'))
    const missing = run([
      'catalog',
      'import',
      join(dir, 'nope.yaml'),
      '--db',
      join(dir, 'l.sqlite'),
    ])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('no such file')
    expect(run(['catalog', 'import']).code).toBe(2)
    expect(run(['catalog', 'export', '--format', 'xml', '--db', join(dir, 'l.sqlite')]).code).toBe(
      2,
    )
  })
})
