import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ESLint, Linter } from 'eslint'
import { describe, expect, it } from 'vitest'

const repo = join(__dirname, '..', '..')
const root = join(repo, 'src-main')

const sources = (folder: string): string[] =>
  readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(root, folder, file))

/**
 * The project's own import rule for a file (eslint.config.js), applied to one import line: the
 * messages it gives. Only that rule runs, so no type information is needed.
 */
const importErrors = async (file: string, specifier: string): Promise<string[]> => {
  const config = (await new ESLint({ cwd: repo }).calculateConfigForFile(file)) as {
    rules: Record<string, Linter.RuleEntry>
  }
  const rule = config.rules['no-restricted-imports']
  if (!rule) return []
  return new Linter()
    .verify(`import { x } from '${specifier}'\nexport const y = x\n`, {
      languageOptions: { sourceType: 'module' },
      rules: { 'no-restricted-imports': rule },
    })
    .map((message) => message.message)
}

describe('services depend one way', () => {
  it('invoices import neither payments nor retries: they announce events payments reacts to', () => {
    const offending = sources('invoices').filter((file) =>
      /from '(\.\.\/)+(payments|retries)\//.test(readFileSync(file, 'utf8')),
    )
    expect(offending).toEqual([])
  })

  it.each([
    ['src-main/invoices/lifecycle.ts', '../payments/outbox'],
    ['src-main/payments/processor.ts', '../retries/failure-store'],
    ['src-main/billing/bill-one.ts', '../invoices/lifecycle'],
    ['src-main/billing/compute/types.ts', '../../invoices/numbering'],
    ['src-main/subscriptions/cancel.ts', '../billing/bill-one'],
    ['src-main/credits/discounts.ts', '../billing/compute/types'],
    ['src-main/customers/customers.ts', '../usage/queries'],
    ['src-main/catalog/plans.ts', '../customers/customers'],
    ['src-main/usage/meters.ts', '../scheduler/scheduler'],
    ['src-main/calendar/periods.ts', '../billing/period-choice'],
    ['src-main/audit/audit-service.ts', '../catalog/plans'],
  ])('lint refuses %s importing %s (a later stage, or from beneath)', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([
      expect.stringMatching(/services depend one way/),
    ])
  })

  it.each([
    ['src-main/retries/actions.ts', '../payments/settlement'],
    ['src-main/payments/settlement.ts', '../invoices/lifecycle'],
    ['src-main/invoices/handlers.ts', '../billing/bill-one'],
    ['src-main/usage/meters.ts', '../customers/customers'],
    ['src-main/billing/compute/notes.ts', '../../calendar/periods'],
    ['src-main/scheduler/scheduled-work.ts', '../invoices/lifecycle'],
  ])('lets %s import %s (an earlier stage, beneath, or from on top)', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([])
  })
})
