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

// The starter plan (USD) gains a grace period and a minimum commitment; business (EUR) has none.
const withTerms = (grace: string, minimum: string): string =>
  fixture('catalog.yaml').replace(
    '    trialDays: 14\n',
    `    trialDays: 14\n    gracePeriodDays: ${grace}\n    minimumCommitment: ${minimum}\n`,
  )

describe('plan terms: grace period and minimum commitment', () => {
  it('imports the minimum commitment exactly in minor units, and the grace period in days', async () => {
    const app = await fresh()
    await invoke(app.dispatch, 'catalog:import', { text: withTerms('30', '250.50') })
    const starter = await invoke(app.dispatch, 'catalog:get-plan', { id: 'starter' })
    expect(starter.versions[0]).toMatchObject({
      gracePeriodDays: 30,
      minimumCommitmentMinor: 25050,
    })
    const business = await invoke(app.dispatch, 'catalog:get-plan', { id: 'business' })
    expect(business.versions[0]).not.toHaveProperty('gracePeriodDays')
    expect(business.versions[0]).not.toHaveProperty('minimumCommitmentMinor')
  })

  it.each(['yaml', 'json'] as const)(
    'round-trips byte-identically through %s, omitted terms staying omitted',
    async (format) => {
      const source = await fresh()
      await invoke(source.dispatch, 'catalog:import', { text: withTerms('0', '0.05') })
      const first = await invoke(source.dispatch, 'catalog:export', { format })
      expect(first.text).toContain(format === 'json' ? '"minimumCommitment": "0.05"' : '0.05')
      expect(first.text.match(/gracePeriodDays/g)).toHaveLength(1)
      expect(first.text.match(/minimumCommitment/g)).toHaveLength(1)

      const same = await invoke(source.dispatch, 'catalog:import', { text: first.text })
      expect(same.plans.map((p) => p.outcome)).toEqual(['unchanged', 'unchanged'])

      const target = await fresh()
      await invoke(target.dispatch, 'catalog:import', { text: first.text })
      const second = await invoke(target.dispatch, 'catalog:export', { format })
      expect(second.text).toBe(first.text)
      const starter = await invoke(target.dispatch, 'catalog:get-plan', { id: 'starter' })
      expect(starter.versions[0]).toMatchObject({ gracePeriodDays: 0, minimumCommitmentMinor: 5 })
    },
  )

  it('publishes a new version when only the grace period changes', async () => {
    const app = await fresh()
    await invoke(app.dispatch, 'catalog:import', { text: withTerms('30', '100') })
    const changed = withTerms('45', '100').replace(
      'effectiveDate: 2026-12-01',
      'effectiveDate: 2027-01-01',
    )
    const result = await invoke(app.dispatch, 'catalog:import', { text: changed })
    expect(result.plans[0]).toEqual({ id: 'starter', outcome: 'new_version', version: 2 })
  })

  it.each([
    ['366', '10', 'gracePeriodDays', 'must be at most 365'],
    ['1.5', '10', 'gracePeriodDays', 'must be a whole number'],
    ['7', '10.005', 'minimumCommitment', 'has more decimals than USD allows'],
    ['7', '-3', 'minimumCommitment', 'must be a non-negative decimal number'],
  ])('refuses grace %s / minimum %s naming the field', async (grace, minimum, field, reason) => {
    const app = await fresh()
    const result = await app.dispatch('catalog:import', { text: withTerms(grace, minimum) })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('validation_failed')
    const entry = Object.entries(result.error.fields ?? {}).find(([path]) => path.endsWith(field))
    expect(entry?.[1]).toContain(reason)
  })

  it('validates the terms of a plan created in the editor', async () => {
    const app = await fresh()
    const terms = {
      currency: 'USD',
      interval: { unit: 'month' as const, count: 1 },
      basePriceMinor: 1000,
      trialDays: 0,
      rounding: 'half_up' as const,
      features: [],
    }
    const bad = await app.dispatch('catalog:create-plan', {
      id: 'pro',
      name: 'Pro',
      terms: { ...terms, gracePeriodDays: -1 },
    })
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'validation_failed',
        fields: { 'terms.gracePeriodDays': 'must be at least 0' },
      },
    })
    const good = await invoke(app.dispatch, 'catalog:create-plan', {
      id: 'pro',
      name: 'Pro',
      terms: { ...terms, gracePeriodDays: 10, minimumCommitmentMinor: 5000 },
    })
    expect(good.versions[0]).toMatchObject({ gracePeriodDays: 10, minimumCommitmentMinor: 5000 })
  })
})
