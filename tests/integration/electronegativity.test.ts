import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// Electronegativity (Doyensec's Electron security scanner) over the shipped sources. It exits 0
// whatever it finds, so the findings are read from its SARIF report (its CSV does not escape the
// samples it quotes) and held to a reviewed allow-list.
const root = fileURLToPath(new URL('../..', import.meta.url))
const scanner = createRequire(import.meta.url).resolve('@doyensec/electronegativity/dist/index.js')
const electronVersion = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>
  }
).devDependencies['electron']

type Allowed = { issue: string; file: string; why: string }
const { allowed } = JSON.parse(
  readFileSync(join(root, 'tests', 'fixtures', 'electronegativity-allow.json'), 'utf8'),
) as { allowed: Allowed[] }

const scan = (): { issue: string; file: string }[] => {
  // Only what ships: the scanner would otherwise walk node_modules and the tests.
  const input = mkdtempSync(join(tmpdir(), 'mb-scan-'))
  for (const part of ['src-main', 'src-renderer', 'src-shared', 'package.json'])
    cpSync(join(root, part), join(input, part), { recursive: true })
  const report = join(input, 'findings.sarif')
  const result = spawnSync(
    process.execPath,
    [
      scanner,
      '-i',
      input,
      '-x',
      'AvailableSecurityFixesGlobalCheck',
      '-e',
      electronVersion ?? '',
      '-o',
      report,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  )
  expect(result.status, result.stderr).toBe(0)
  type Sarif = {
    runs: {
      results: {
        ruleId: string
        locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[]
      }[]
    }[]
  }
  const sarif = JSON.parse(readFileSync(report, 'utf8')) as Sarif
  return (sarif.runs[0]?.results ?? []).map((r) => {
    const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri
    return { issue: r.ruleId, file: uri ? relative(input, uri) : 'N/A' }
  })
}

describe('the desktop shell under Electronegativity', () => {
  it(
    'has no finding outside the reviewed allow-list, and the list has no stale entry',
    { timeout: 180_000 },
    () => {
      const findings = scan()
      const explained = (f: { issue: string; file: string }): boolean =>
        allowed.some((a) => a.issue === f.issue && a.file === f.file)
      expect(findings.filter((f) => !explained(f))).toEqual([])
      const stale = allowed.filter(
        (a) => !findings.some((f) => f.issue === a.issue && f.file === a.file),
      )
      expect(stale).toEqual([])
      for (const entry of allowed) expect(entry.why.length).toBeGreaterThan(40)
    },
  )
})
