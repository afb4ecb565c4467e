import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PlanTerms } from '../../src-shared/domain/catalog'
import { versionInEffect } from '../../src-main/catalog/plans'
import { invoke } from '../../src-main/ipc/dispatcher'
import { testApp } from '../support/test-app'

let app: Awaited<ReturnType<typeof testApp>>
beforeEach(async () => {
  app = await testApp()
})
afterEach(() => app.close())

const terms = (overrides: Partial<PlanTerms> = {}): PlanTerms => ({
  currency: 'USD',
  interval: { unit: 'month', count: 1 },
  basePriceMinor: 4900,
  trialDays: 14,
  rounding: 'half_up',
  features: [
    {
      code: 'api_calls',
      name: 'API calls',
      type: 'usage',
      pricing: {
        model: 'tiered',
        tiers: [
          { up_to: '5', unit_amount: '5' },
          { up_to: '10', unit_amount: '4' },
          { up_to: null, unit_amount: '3' },
        ],
      },
    },
  ],
  ...overrides,
})

const create = () =>
  invoke(app.dispatch, 'catalog:create-plan', { id: 'pro', name: 'Pro', terms: terms() })

describe('plans and versions', () => {
  it('creates a plan as a draft first version, audited', async () => {
    const plan = await create()
    expect(plan.versions).toHaveLength(1)
    expect(plan.versions[0]).toMatchObject({
      version: 1,
      status: 'draft',
      effectiveFrom: null,
      basePriceMinor: 4900,
    })
    const audit = await invoke(app.dispatch, 'audit:list', { entityType: 'plan', entityId: 'pro' })
    expect(audit.entries[0]).toMatchObject({ action: 'catalog:create-plan', before: null })
  })

  it('refuses a second plan with the same id', async () => {
    await create()
    await expect(create()).rejects.toMatchObject({
      code: 'conflict',
      fields: { id: 'is already taken' },
    })
  })

  it('rejects invalid terms with the path of each bad field, writing nothing', async () => {
    const bad = terms()
    const feature = bad.features[0]
    if (feature?.type !== 'usage' || feature.pricing.model !== 'tiered') throw new Error('fixture')
    feature.pricing.tiers[1] = { up_to: '3', unit_amount: '4' }
    const result = await app.dispatch('catalog:create-plan', {
      id: 'pro',
      name: 'Pro',
      terms: { ...bad, currency: 'XXY' },
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('validation_failed')
    expect(result.error.fields).toMatchObject({
      'terms.currency': 'must be an ISO 4217 currency code such as USD',
      'terms.features[0].pricing.tiers[1].up_to': expect.stringContaining(
        'greater than 5',
      ) as unknown,
    })
    expect(await invoke(app.dispatch, 'catalog:list-plans', {})).toEqual([])
  })

  it('publishes a draft, which is then immutable, even to raw SQL', async () => {
    await create()
    const plan = await invoke(app.dispatch, 'catalog:publish', {
      id: 'pro',
      effectiveFrom: '2026-12-01',
    })
    expect(plan.versions[0]).toMatchObject({
      version: 1,
      status: 'published',
      effectiveFrom: '2026-12-01',
      publishedAt: '2026-11-01T09:00:00.000Z',
      publishedBy: 'tester',
    })
    expect(() =>
      app.ledger.db.prepare('UPDATE plan_version SET base_price_minor = 1').run(),
    ).toThrow(/published plan versions are immutable/)
    expect(() => app.ledger.db.prepare('DELETE FROM plan_version').run()).toThrow(
      /cannot be deleted/,
    )
  })

  it('edits a published plan by opening a new draft version; the published one stays as it was', async () => {
    await create()
    await invoke(app.dispatch, 'catalog:publish', { id: 'pro', effectiveFrom: '2026-12-01' })
    const edited = await invoke(app.dispatch, 'catalog:save-draft', {
      id: 'pro',
      name: 'Pro (2027)',
      terms: terms({ basePriceMinor: 5900 }),
    })
    expect(edited.name).toBe('Pro (2027)')
    expect(edited.versions.map((v) => [v.version, v.status, v.basePriceMinor])).toEqual([
      [2, 'draft', 5900],
      [1, 'published', 4900],
    ])
    // Saving again replaces the draft rather than opening a third version.
    const again = await invoke(app.dispatch, 'catalog:save-draft', {
      id: 'pro',
      terms: terms({ basePriceMinor: 6900 }),
    })
    expect(again.versions.map((v) => v.basePriceMinor)).toEqual([6900, 4900])
  })

  it('refuses a version that would take effect before the one it follows', async () => {
    await create()
    await invoke(app.dispatch, 'catalog:publish', { id: 'pro', effectiveFrom: '2026-12-01' })
    await invoke(app.dispatch, 'catalog:save-draft', {
      id: 'pro',
      terms: terms({ basePriceMinor: 5900 }),
    })
    await expect(
      invoke(app.dispatch, 'catalog:publish', { id: 'pro', effectiveFrom: '2026-11-30' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { effectiveFrom: 'must be on or after 2026-12-01' },
    })
  })

  it('discards a draft of a published plan, but not the only version of a new one', async () => {
    await create()
    await expect(
      invoke(app.dispatch, 'catalog:discard-draft', { id: 'pro' }),
    ).rejects.toMatchObject({ code: 'conflict' })
    await invoke(app.dispatch, 'catalog:publish', { id: 'pro', effectiveFrom: '2026-12-01' })
    await invoke(app.dispatch, 'catalog:save-draft', { id: 'pro', terms: terms({ trialDays: 0 }) })
    const plan = await invoke(app.dispatch, 'catalog:discard-draft', { id: 'pro' })
    expect(plan.versions.map((v) => v.status)).toEqual(['published'])
  })

  it('gives new subscribers the version in effect on their date (grandfathering the rest)', async () => {
    await create()
    await invoke(app.dispatch, 'catalog:publish', { id: 'pro', effectiveFrom: '2026-12-01' })
    await invoke(app.dispatch, 'catalog:save-draft', {
      id: 'pro',
      terms: terms({ basePriceMinor: 5900 }),
    })
    await invoke(app.dispatch, 'catalog:publish', { id: 'pro', effectiveFrom: '2027-01-01' })
    const db = app.ledger.dataSource.manager
    expect(await versionInEffect(db, 'pro', '2026-11-30')).toBeUndefined()
    expect((await versionInEffect(db, 'pro', '2026-12-31'))?.version).toBe(1)
    expect((await versionInEffect(db, 'pro', '2027-01-01'))?.version).toBe(2)
  })

  it('lists plans with their current version and draft flag', async () => {
    await create()
    expect(await invoke(app.dispatch, 'catalog:list-plans', {})).toEqual([
      { id: 'pro', name: 'Pro', hasDraft: true, current: null },
    ])
    await invoke(app.dispatch, 'catalog:publish', { id: 'pro', effectiveFrom: '2026-12-01' })
    expect(await invoke(app.dispatch, 'catalog:list-plans', {})).toEqual([
      {
        id: 'pro',
        name: 'Pro',
        hasDraft: false,
        current: {
          version: 1,
          effectiveFrom: '2026-12-01',
          currency: 'USD',
          basePriceMinor: 4900,
          interval: { unit: 'month', count: 1 },
          featureCount: 1,
        },
      },
    ])
  })

  it('names a missing plan', async () => {
    await expect(invoke(app.dispatch, 'catalog:get-plan', { id: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'There is no plan "nope".',
    })
  })
})
