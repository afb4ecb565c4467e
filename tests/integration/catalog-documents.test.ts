import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { testApp } from '../support/test-app'

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')

const apps: Awaited<ReturnType<typeof testApp>>[] = []
const fresh = async () => {
  const app = await testApp()
  apps.push(app)
  return app
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()))
})

const importText = async (app: Awaited<ReturnType<typeof testApp>>, text: string) =>
  invoke(app.dispatch, 'catalog:import', { text, fileName: 'catalog.yaml' })

describe('importing a catalog document', () => {
  it('creates and publishes every plan, with exact prices and their effective date', async () => {
    const app = await fresh()
    const result = await importText(app, fixture('catalog.yaml'))
    expect(result).toEqual({
      plans: [
        { id: 'starter', outcome: 'created', version: 1 },
        { id: 'business', outcome: 'created', version: 1 },
      ],
      warnings: [],
    })
    const starter = await invoke(app.dispatch, 'catalog:get-plan', { id: 'starter' })
    expect(starter.versions[0]).toMatchObject({
      status: 'published',
      effectiveFrom: '2026-12-01',
      basePriceMinor: 1900,
      trialDays: 14,
      interval: { unit: 'month', count: 1 },
      rounding: 'half_up',
    })
    expect(starter.versions[0]?.features[0]).toMatchObject({
      includedUnits: '10000',
      pricing: {
        model: 'tiered',
        tiers: [{ up_to: '100000', unit_amount: '0.002' }, {}, { up_to: null }],
      },
    })
    const business = await invoke(app.dispatch, 'catalog:get-plan', { id: 'business' })
    expect(business.versions[0]).toMatchObject({
      currency: 'EUR',
      basePriceMinor: 199000,
      interval: { unit: 'year', count: 1 },
      rounding: 'half_even',
    })
  })

  it('is idempotent: the same document again changes nothing', async () => {
    const app = await fresh()
    await importText(app, fixture('catalog.yaml'))
    const again = await importText(app, fixture('catalog.yaml'))
    expect(again.plans.map((p) => p.outcome)).toEqual(['unchanged', 'unchanged'])
    const versions = app.ledger.db.prepare('SELECT count(*) FROM plan_version').pluck().get()
    expect(versions).toBe(2)
  })

  it('publishes a new version for a changed plan and keeps the old one', async () => {
    const app = await fresh()
    await importText(app, fixture('catalog.yaml'))
    const changed = fixture('catalog.yaml')
      .replace('basePrice: 19.00', 'basePrice: 24.00')
      .replace('effectiveDate: 2026-12-01', 'effectiveDate: 2027-01-01')
    const result = await importText(app, changed)
    expect(result.plans).toEqual([
      { id: 'starter', outcome: 'new_version', version: 2 },
      { id: 'business', outcome: 'unchanged', version: 1 },
    ])
    const starter = await invoke(app.dispatch, 'catalog:get-plan', { id: 'starter' })
    expect(starter.versions.map((v) => [v.version, v.basePriceMinor, v.effectiveFrom])).toEqual([
      [2, 2400, '2027-01-01'],
      [1, 1900, '2026-12-01'],
    ])
  })

  it('names the path and line of an invalid value, and imports nothing (atomic)', async () => {
    const app = await fresh()
    const broken = fixture('catalog.yaml').replace(
      '- { up_to: 1000000, unit_amount: 0.0015 }',
      '- { up_to: 50, unit_amount: 0.0015 }',
    )
    const result = await app.dispatch('catalog:import', { text: broken, fileName: 'catalog.yaml' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('validation_failed')
    const line = broken.split('\n').findIndex((l) => l.includes('up_to: 50')) + 1
    expect(result.error.message).toContain(
      `plans[0].features[0].pricing.tiers[1].up_to (line ${line}): must be greater than 100000`,
    )
    expect(result.error.fields?.['plans[0].features[0].pricing.tiers[1].up_to']).toBe(
      `line ${line}: must be greater than 100000`,
    )
    expect(await invoke(app.dispatch, 'catalog:list-plans', {})).toEqual([])
  })

  it('rolls back every plan when a later one fails', async () => {
    const app = await fresh()
    const broken = fixture('catalog.yaml').replace('currency: EUR', 'currency: EURO')
    await expect(importText(app, broken)).rejects.toMatchObject({ code: 'validation_failed' })
    expect(await invoke(app.dispatch, 'catalog:list-plans', {})).toEqual([])
    expect(app.ledger.db.prepare('SELECT count(*) FROM audit_entry').pluck().get()).toBe(0)
  })

  it('reports a syntax error with its line', async () => {
    const app = await fresh()
    await expect(importText(app, 'plans:\n  - id: a\n   name: [unclosed\n')).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringMatching(/not valid YAML or JSON \(line \d+\)/) as unknown,
    })
  })

  it('keeps decimals exact, however many digits they carry', async () => {
    const app = await fresh()
    const precise = fixture('catalog.yaml').replace(
      'unit_amount: 0.002 }',
      'unit_amount: 0.00200000000000000000001 }',
    )
    await importText(app, precise)
    const starter = await invoke(app.dispatch, 'catalog:get-plan', { id: 'starter' })
    const feature = starter.versions[0]?.features[0]
    expect(
      feature?.type === 'usage' &&
        feature.pricing.model === 'tiered' &&
        feature.pricing.tiers[0]?.unit_amount,
    ).toBe('0.00200000000000000000001')
  })

  it('refuses a base price finer than the currency allows', async () => {
    const app = await fresh()
    await expect(
      importText(app, fixture('catalog.yaml').replace('basePrice: 19.00', 'basePrice: 19.001')),
    ).rejects.toMatchObject({
      fields: {
        'plans[0].basePrice': expect.stringContaining('more decimals than USD allows') as unknown,
      },
    })
  })
})

describe('the simpler tiers document', () => {
  it('becomes plans: overage rates as usage, included-only metrics as hard quotas, names as booleans', async () => {
    const app = await fresh()
    const result = await importText(app, fixture('simple-tiers.yaml'))
    expect(result.plans.map((p) => [p.id, p.outcome])).toEqual([
      ['free', 'created'],
      ['growth', 'created'],
      ['enterprise', 'created'],
    ])
    expect(result.warnings).toEqual([
      'tax.EU was not imported: tax rates per region are set in Settings.',
    ])

    const growth = (await invoke(app.dispatch, 'catalog:get-plan', { id: 'growth' })).versions[0]
    expect(growth).toMatchObject({
      basePriceMinor: 4900,
      effectiveFrom: '2026-11-01',
      rounding: 'half_up',
      interval: { unit: 'month', count: 1 },
    })
    expect(growth?.features).toEqual([
      {
        code: 'api_calls',
        name: 'api_calls',
        type: 'usage',
        includedUnits: '50000',
        pricing: expect.objectContaining({ model: 'flat', unit_amount: '0.002' }) as unknown,
      },
      {
        code: 'storage_gb',
        name: 'storage_gb',
        type: 'usage',
        includedUnits: '10',
        pricing: expect.objectContaining({ model: 'flat', unit_amount: '0.25' }) as unknown,
      },
      { code: 'dashboards', name: 'Dashboards', type: 'boolean', enabled: true },
      { code: 'single_sign_on', name: 'Single sign-on', type: 'boolean', enabled: true },
    ])

    const free = (await invoke(app.dispatch, 'catalog:get-plan', { id: 'free' })).versions[0]
    expect(free?.features[0]).toEqual({
      code: 'api_calls',
      name: 'api_calls',
      type: 'quota',
      limit: '1000',
      enforcement: 'hard',
    })

    const enterprise = (await invoke(app.dispatch, 'catalog:get-plan', { id: 'enterprise' }))
      .versions[0]
    expect(enterprise).toMatchObject({ basePriceMinor: 99999, customContract: true })
    expect(enterprise?.features.filter((f) => f.type === 'boolean').map((f) => f.code)).toEqual([
      'dashboards',
      'single_sign_on',
    ])
  })

  it('maps the rounding rules and names its own paths in errors', async () => {
    const app = await fresh()
    const floor = fixture('simple-tiers.yaml').replace(
      'roundingRule: nearest',
      'roundingRule: floor',
    )
    await importText(app, floor)
    expect(
      (await invoke(app.dispatch, 'catalog:get-plan', { id: 'free' })).versions[0]?.rounding,
    ).toBe('floor')

    const bad = fixture('simple-tiers.yaml').replace('storage_gb: 0.25', 'storage_gb: cheap')
    const line = bad.split('\n').findIndex((l) => l.includes('storage_gb: cheap')) + 1
    await expect(importText(await fresh(), bad)).rejects.toMatchObject({
      fields: {
        'tiers[1].overageRates.storage_gb': `line ${line}: must be a non-negative decimal number`,
      },
    })
  })
})

describe('exporting the catalog', () => {
  it.each(['yaml', 'json'] as const)('round-trips exactly through %s', async (format) => {
    const source = await fresh()
    await importText(source, fixture('catalog.yaml'))
    await importText(source, fixture('simple-tiers.yaml'))
    const first = await invoke(source.dispatch, 'catalog:export', { format })
    expect(first.fileName).toBe(`catalog.${format}`)

    // Imported into the same ledger: nothing to change.
    const same = await invoke(source.dispatch, 'catalog:import', { text: first.text })
    expect(same.plans.every((p) => p.outcome === 'unchanged')).toBe(true)

    // Imported into an empty ledger and exported again: the same text.
    const target = await fresh()
    await invoke(target.dispatch, 'catalog:import', { text: first.text })
    const second = await invoke(target.dispatch, 'catalog:export', { format })
    expect(second.text).toBe(first.text)
    expect(await invoke(target.dispatch, 'catalog:list-plans', {})).toEqual(
      await invoke(source.dispatch, 'catalog:list-plans', {}),
    )
  })

  it('writes decimals as strings, so no reader turns them into floats', async () => {
    const app = await fresh()
    await importText(app, fixture('catalog.yaml'))
    const { text } = await invoke(app.dispatch, 'catalog:export', { format: 'json' })
    expect(text).toContain('"unit_amount": "0.002"')
    expect(text).toContain('"basePrice": "19.00"')
  })
})

describe('the README', () => {
  it('shows a catalog document that imports as described', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const example = /## Catalog documents[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(example).toBeDefined()
    const app = await fresh()
    const result = await importText(app, example ?? '')
    expect(result.plans).toEqual([{ id: 'starter', outcome: 'created', version: 1 }])
    const plan = await invoke(app.dispatch, 'catalog:get-plan', { id: 'starter' })
    expect(plan.versions[0]?.features.map((f) => f.type)).toEqual([
      'usage',
      'quota',
      'rate',
      'boolean',
    ])
  })
})
