import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrations } from '../../src-main/db/migrations'

const folder = join(__dirname, '..', 'integration')

describe('every migration', () => {
  it("has its own test: a describe('migration <name>') in tests/integration/migration-*.test.ts", () => {
    const described = readdirSync(folder)
      .filter((file) => /^migration-.*\.test\.ts$/.test(file))
      .flatMap((file) =>
        [
          ...readFileSync(join(folder, file), 'utf8').matchAll(/describe\('migration ([\w-]+)'/g),
        ].map((match) => match[1]),
      )
    expect(migrations.map((m) => m.name).filter((name) => !described.includes(name))).toEqual([])
  })
})
