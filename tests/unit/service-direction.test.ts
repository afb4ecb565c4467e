import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(__dirname, '..', '..', 'src-main')

const sources = (folder: string): string[] =>
  readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(root, folder, file))

describe('services depend one way', () => {
  it('invoices import neither payments nor retries: they announce events payments reacts to', () => {
    const offending = sources('invoices').filter((file) =>
      /from '(\.\.\/)+(payments|retries)\//.test(readFileSync(file, 'utf8')),
    )
    expect(offending).toEqual([])
  })
})
