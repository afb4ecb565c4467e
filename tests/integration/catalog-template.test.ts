import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { frozenClock, testApp } from '../support/test-app'

const template = readFileSync(
  new URL('../fixtures/pricing-config-v2.yaml', import.meta.url),
  'utf8',
)

const apps: Awaited<ReturnType<typeof testApp>>[] = []
const fresh = async () => {
  const app = await testApp({ clock: frozenClock('2024-07-15T12:00:00.000Z') })
  apps.push(app)
  return app
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()))
})

type App = Awaited<ReturnType<typeof fresh>>
const importText = (app: App, text: string) =>
  invoke(app.dispatch, 'catalog:import', { text, fileName: 'pricing-config-v2.yaml' })
const versionOf = async (app: App, id: string) =>
  (await invoke(app.dispatch, 'catalog:get-plan', { id })).versions[0]

describe('the pricing-architecture template', () => {
  it('imports verbatim: three plans effective 2024-06-01, rounded up, with the same file shipped in resources', async () => {
    expect(
      readFileSync(new URL('../../resources/pricing-config-v2.yaml', import.meta.url), 'utf8'),
    ).toBe(template)
    const app = await fresh()
    const result = await importText(app, template)
    expect(result.plans).toEqual([
      { id: 'starter', outcome: 'created', version: 1 },
      { id: 'growth', outcome: 'created', version: 1 },
      { id: 'enterprise', outcome: 'created', version: 1 },
    ])
    const starter = await versionOf(app, 'starter')
    expect(starter).toMatchObject({
      effectiveFrom: '2024-06-01',
      basePriceMinor: 2900,
      rounding: 'ceil',
      interval: { unit: 'month', count: 1 },
    })
    expect(starter?.features).toEqual([
      {
        code: 'api_calls',
        name: 'api_calls',
        type: 'usage',
        includedUnits: '10000',
        pricing: { model: 'flat', unit_amount: '0.005', free_units: '0' },
      },
      // Included with no overage rate: a hard quota of 3, not free seats beyond it.
      { code: 'seats', name: 'seats', type: 'quota', limit: '3', enforcement: 'hard' },
      {
        code: 'storage_gb',
        name: 'storage_gb',
        type: 'usage',
        includedUnits: '5',
        pricing: { model: 'flat', unit_amount: '2.0', free_units: '0' },
      },
      { code: 'basic_analytics', name: 'basic_analytics', type: 'boolean', enabled: true },
      { code: 'email_support', name: 'email_support', type: 'boolean', enabled: true },
      { code: 'api_access', name: 'api_access', type: 'boolean', enabled: true },
    ])
  })

  it('grants every feature and every metric to "*", the metrics at zero for the contract to price', async () => {
    const app = await fresh()
    await importText(app, template)
    const enterprise = await versionOf(app, 'enterprise')
    expect(enterprise).toMatchObject({ basePriceMinor: 0, customContract: true })
    expect(enterprise?.features.map((f) => [f.code, f.type])).toEqual([
      ['api_calls', 'usage'],
      ['seats', 'usage'],
      ['storage_gb', 'usage'],
      ['basic_analytics', 'boolean'],
      ['email_support', 'boolean'],
      ['api_access', 'boolean'],
      ['advanced_analytics', 'boolean'],
      ['priority_support', 'boolean'],
      ['webhooks', 'boolean'],
      ['sso', 'boolean'],
    ])
    expect(enterprise?.features[0]).toMatchObject({
      pricing: { model: 'flat', unit_amount: '0' },
    })
  })

  it('grants to "*" the metrics and features of plans already in the ledger, keeping their aggregation', async () => {
    const app = await fresh()
    await importText(
      app,
      [
        'plans:',
        '  - id: team',
        '    name: Team',
        '    currency: USD',
        '    basePrice: 10',
        '    features:',
        '      - code: active_users',
        '        name: Active users',
        '        type: usage',
        '        aggregation: unique_count',
        '        aggregationProperty: user_id',
        '        pricing: { model: flat, unit_amount: 2 }',
        '      - { code: audit_log, name: Audit log, type: boolean, enabled: true }',
      ].join('\n'),
    )
    await importText(app, template)
    const enterprise = await versionOf(app, 'enterprise')
    expect(enterprise?.features.map((f) => f.code)).toEqual([
      'api_calls',
      'seats',
      'storage_gb',
      'basic_analytics',
      'email_support',
      'api_access',
      'advanced_analytics',
      'priority_support',
      'webhooks',
      'sso',
      'active_users',
      'audit_log',
    ])
    expect(enterprise?.features.slice(-2)).toEqual([
      {
        code: 'active_users',
        name: 'Active users',
        type: 'usage',
        aggregation: 'unique_count',
        aggregationProperty: 'user_id',
        // The plan prices nothing: each subscriber's contract does.
        pricing: { model: 'flat', unit_amount: '0', free_units: '0' },
      },
      { code: 'audit_log', name: 'Audit log', type: 'boolean', enabled: true },
    ])
    // Tiers without "*" are not given what they do not name.
    expect((await versionOf(app, 'growth'))?.features.map((f) => f.code)).not.toContain(
      'active_users',
    )
    // The same document again: the catalog already knows all of it, nothing changes.
    expect((await importText(app, template)).plans.map((p) => p.outcome)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ])
  })

  it('grants a metered metric named in features instead of refusing it as a duplicate', async () => {
    const app = await fresh()
    const text = template.replace(
      'features: ["advanced_analytics", "priority_support", "api_access", "webhooks", "sso"]',
      'features: ["api_calls", "sso"]',
    )
    await importText(app, text)
    expect((await versionOf(app, 'growth'))?.features.map((f) => [f.code, f.type])).toEqual([
      ['api_calls', 'usage'],
      ['seats', 'quota'],
      ['storage_gb', 'usage'],
      ['sso', 'boolean'],
    ])
    // A metric this tier does not price but another tier does: granted, metered at zero.
    const starter = template
      .replace(
        'features: ["basic_analytics", "email_support", "api_access"]',
        'features: ["api_access"]',
      )
      .replace(
        '    api_calls: 10000\n    storage_gb: 5\n    seats: 3\n  overageRates:\n    api_calls: 0.005\n    storage_gb: 2.0\n  features: ["api_access"]',
        '    storage_gb: 5\n  overageRates:\n    storage_gb: 2.0\n  features: ["api_calls"]',
      )
    const other = await fresh()
    await importText(other, starter)
    expect((await versionOf(other, 'starter'))?.features).toContainEqual({
      code: 'api_calls',
      name: 'api_calls',
      type: 'usage',
      pricing: { model: 'flat', unit_amount: '0', free_units: '0' },
    })
  })

  it('reads a date-time in the business time zone: midnight UTC is still May 31st in New York', async () => {
    const app = await fresh()
    await invoke(app.dispatch, 'settings:update', { businessTimeZone: 'America/New_York' })
    await importText(app, template)
    expect((await versionOf(app, 'starter'))?.effectiveFrom).toBe('2024-05-31')

    const local = await fresh()
    await invoke(local.dispatch, 'settings:update', { businessTimeZone: 'America/New_York' })
    await importText(local, template.replace('2024-06-01T00:00:00Z', '2024-06-01T00:00:00'))
    expect((await versionOf(local, 'starter'))?.effectiveFrom).toBe('2024-06-01')

    const date = await fresh()
    await importText(date, template.replace('"2024-06-01T00:00:00Z"', '2024-06-03'))
    expect((await versionOf(date, 'growth'))?.effectiveFrom).toBe('2024-06-03')
  })

  it('names the path and line in the user file when a converted feature is invalid', async () => {
    const long = `${'very_long_feature_name_'.repeat(3)}x`
    const text = template.replace('"webhooks"', `"${long}"`)
    const line = text.split('\n').findIndex((l) => l.includes(long)) + 1
    await expect(importText(await fresh(), text)).rejects.toMatchObject({
      code: 'validation_failed',
      fields: {
        'tiers[1].features[3]': expect.stringMatching(new RegExp(`^line ${line}: `)) as unknown,
      },
    })
  })

  it('sets the default tax rate and the exempt regions in Settings, audited', async () => {
    const app = await fresh()
    const result = await importText(
      app,
      template.replace('defaultRate: 0.0', 'defaultRate: 0.08875'),
    )
    const settings = await invoke(app.dispatch, 'settings:get', {})
    expect(settings).toMatchObject({
      defaultTaxRatePercent: '8.875',
      taxExemptRegions: ['US-DE', 'US-OR'],
    })
    const audit = await invoke(app.dispatch, 'audit:list', { entityType: 'settings' })
    expect(audit.entries.map((e) => e.after)).toContainEqual(
      expect.objectContaining({ defaultTaxRatePercent: '8.875' }),
    )
    expect(result.warnings).toEqual([
      'tax.provider "stripe_tax": Meterbook computes tax itself from the rates in Settings; the default rate and exempt regions were applied.',
    ])
  })

  it('exports back with version, effectiveDate, meteringWindow and roundingRule as written', async () => {
    const app = await fresh()
    await importText(app, template)
    const yaml = await invoke(app.dispatch, 'catalog:export', { format: 'yaml' })
    expect(yaml.text.split('\n').slice(0, 4)).toEqual([
      'version: "2.1"',
      'effectiveDate: 2024-06-01T00:00:00Z',
      'roundingRule: ceil',
      'meteringWindow: monthly',
    ])
    const json = await invoke(app.dispatch, 'catalog:export', { format: 'json' })
    expect(json.text).toContain(
      '"version": "2.1",\n  "effectiveDate": "2024-06-01T00:00:00Z",\n  "roundingRule": "ceil",\n  "meteringWindow": "monthly"',
    )

    // Re-imported elsewhere and exported again: the same text, nothing lost.
    const target = await fresh()
    await invoke(target.dispatch, 'catalog:import', { text: yaml.text })
    expect((await invoke(target.dispatch, 'catalog:export', { format: 'yaml' })).text).toBe(
      yaml.text,
    )
    expect(await versionOf(target, 'enterprise')).toMatchObject({
      customContract: true,
      rounding: 'ceil',
    })
  })
})

describe('the README', () => {
  it('shows a template that imports with the meaning it describes', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const example = /### The pricing-architecture template[\s\S]*?```yaml\n([\s\S]*?)```/.exec(
      readme,
    )?.[1]
    const app = await fresh()
    await importText(app, example ?? '')
    expect((await versionOf(app, 'starter'))?.features.map((f) => [f.code, f.type])).toEqual([
      ['api_calls', 'usage'],
      ['seats', 'quota'],
      ['basic_analytics', 'boolean'],
      ['api_access', 'boolean'],
    ])
    expect(await versionOf(app, 'enterprise')).toMatchObject({ customContract: true })
  })
})
