import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { textBounds } from '../../src-shared/domain/text-bounds'
import { testApp } from '../support/test-app'

let app: Awaited<ReturnType<typeof testApp>>
beforeEach(async () => {
  app = await testApp()
})
afterEach(() => app.close())

type Outcome =
  { ok: true } | { ok: false; error: { code: string; fields?: Record<string, string> | undefined } }

/** The answer was validation_failed, naming `field` as too long. */
const expectTooLong = (result: Outcome, field: string): void => {
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.error.code).toBe('validation_failed')
  expect(result.error.fields?.[field]).toMatch(/must be at most [\d,]+ characters/)
}

describe('text bounds', () => {
  it('refuses a 50,000-character customer search as validation_failed naming search, before SQLite', async () => {
    const result = await app.dispatch('customers:list', { search: 'a%'.repeat(25_000) })
    expectTooLong(result, 'search')
    expect(
      await app.dispatch('customers:list', { search: 'a'.repeat(textBounds.search) }),
    ).toMatchObject({ ok: true })
  })

  it('refuses a 5 MB void reason, and a 2,001-character one, naming reason', async () => {
    expectTooLong(
      await app.dispatch('invoices:void', { id: 1, reason: 'x'.repeat(5_000_000) }),
      'reason',
    )
    expectTooLong(
      await app.dispatch('invoices:mark-uncollectible', { id: 1, reason: 'x'.repeat(2_001) }),
      'reason',
    )
    // 2,000 characters pass validation (and then find no invoice 1).
    const fits = await app.dispatch('invoices:void', { id: 1, reason: 'x'.repeat(2_000) })
    expect(fits.ok ? 'ok' : fits.error.code).toBe('not_found')
  })

  it('bounds ids and filters: an audit filter, a usage customer, an invoice customer', async () => {
    const long = 'x'.repeat(textBounds.id + 1)
    expectTooLong(await app.dispatch('audit:list', { entityId: long }), 'entityId')
    expectTooLong(await app.dispatch('usage:events', { customer: long }), 'customer')
    expectTooLong(await app.dispatch('invoices:list', { customer: long }), 'customer')
    expectTooLong(await app.dispatch('customers:get', { externalId: long }), 'externalId')
  })

  it('refuses a YAML alias bomb in a catalog import as validation_failed, not internal', async () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    ].join('\n')
    expect(await app.dispatch('catalog:import', { text: bomb })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', fields: { '(document)': 'too many aliases' } },
    })
  })
})
