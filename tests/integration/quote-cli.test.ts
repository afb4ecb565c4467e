import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

// The CLI as users run it: the built bundle (`npm run build`), in a child process.
const cli = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))

const quote = (stdin: string, args: string[] = []) => {
  const dir = mkdtempSync(join(tmpdir(), 'mb-quote-'))
  const result = spawnSync(process.execPath, [cli, 'quote', ...args], {
    input: stdin,
    cwd: dir,
    env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), APPDATA: dir },
    encoding: 'utf8',
    timeout: 20_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, dir }
}

const tiered =
  '{"model":"tiered","definition":{"tiers":[{"up_to":"100","unit_amount":"1","flat_amount":"0"},{"up_to":null,"unit_amount":"0.5"}]},"quantity":"150","currency":"USD","rounding":"half_up"}'
const invalid =
  '{"model":"tiered","definition":{"tiers":[{"up_to":"100","unit_amount":"1"},{"up_to":"100","unit_amount":"1"}]},"quantity":"150","currency":"USD"}'
const sms =
  '{"model":"package","definition":{"package_size":"500","package_amount":"20"},"quantity":"1201","currency":"USD"}'

beforeAll(() => {
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does).`)
})

describe('meterbook quote', () => {
  it('answers every request line with one line, an invalid one with its error', () => {
    const { code, stdout, stderr } = quote(`${tiered}\n${invalid}\n\n${sms}\n`)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toContain('"amount":"125","amount_minor":12500')
    expect(JSON.parse(lines[1]!)).toEqual({
      error: {
        code: 'validation_failed',
        message: 'Invalid request: definition.tiers[1].up_to: must be greater than 100',
        fields: { 'definition.tiers[1].up_to': 'must be greater than 100' },
      },
    })
    expect(JSON.parse(lines[2]!)).toMatchObject({
      amount: '60',
      amount_minor: 6000,
      currency: 'USD',
      breakdown: [{ units: '3', unit_amount: '20', subtotal: '60' }],
    })
  })

  it('takes numbers written as JSON numbers at their exact text', () => {
    const line =
      '{"model":"tiered","definition":{"tiers":[{"up_to":100,"unit_amount":1,"flat_amount":0},{"up_to":null,"unit_amount":0.50}]},"quantity": 150,"currency":"USD"}'
    const { code, stdout } = quote(`${line}\n`)
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({
      amount: '125',
      amount_minor: 12500,
      breakdown: [{ to: '100' }, { from: '100', unit_amount: '0.50' }],
    })
  })

  it('needs no ledger: --db is ignored and no file is created', () => {
    const { code, stdout, dir } = quote(`${sms}\n`, ['--db', 'ignored.sqlite'])
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ amount_minor: 6000 })
    expect(existsSync(join(dir, 'ignored.sqlite'))).toBe(false)
    expect(existsSync(join(dir, '.config', 'Meterbook'))).toBe(false)
  })

  it('exits 0 on empty input', () => {
    expect(quote('')).toMatchObject({ code: 0, stdout: '' })
  })
})
