import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { testApp } from '../support/test-app'

const apps: Awaited<ReturnType<typeof testApp>>[] = []
const fresh = async () => {
  const app = await testApp()
  apps.push(app)
  return app
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()))
})

/** A plan whose metered features declare each aggregation (api_calls declares none: a sum). */
const document = `version: '1'
effectiveDate: 2026-10-01
plans:
  - id: team
    name: Team
    currency: USD
    basePrice: 10
    features:
      - { code: api_calls, name: API calls, type: usage, pricing: { model: flat, unit_amount: 0.01 } }
      - code: requests
        name: Requests
        type: usage
        aggregation: count
        pricing: { model: flat, unit_amount: 0.001 }
      - code: seats
        name: Seats
        type: quota
        aggregation: max
        limit: 5
        enforcement: soft
        pricing: { model: flat, unit_amount: 8 }
      - { code: plan_size, name: Plan size, type: usage, aggregation: latest, pricing: { model: flat, unit_amount: 1 } }
      - code: active_users
        name: Active users
        type: usage
        aggregation: unique_count
        aggregationProperty: user_id
        pricing: { model: flat, unit_amount: 2 }
      - { code: storage_gb, name: Storage, type: usage, aggregation: weighted_sum, pricing: { model: flat, unit_amount: 0.5 } }
`

describe('a metered feature declaring its aggregation in the catalog document', () => {
  it('is stored on the plan feature, sum when absent', async () => {
    const app = await fresh()
    await invoke(app.dispatch, 'catalog:import', { text: document })
    const plan = await invoke(app.dispatch, 'catalog:get-plan', { id: 'team' })
    const features = plan.versions[0]?.features ?? []
    expect(
      features.map((f) =>
        f.type === 'usage' || f.type === 'quota'
          ? [f.code, f.aggregation ?? 'sum', f.aggregationProperty ?? null]
          : [],
      ),
    ).toEqual([
      ['api_calls', 'sum', null],
      ['requests', 'count', null],
      ['seats', 'max', null],
      ['plan_size', 'latest', null],
      ['active_users', 'unique_count', 'user_id'],
      ['storage_gb', 'weighted_sum', null],
    ])
  })

  it.each(['yaml', 'json'] as const)(
    'survives export and re-import (%s), the export the same text again',
    async (format) => {
      const source = await fresh()
      await invoke(source.dispatch, 'catalog:import', { text: document })
      const first = await invoke(source.dispatch, 'catalog:export', { format })
      expect(first.text).toContain('aggregationProperty')
      const target = await fresh()
      await invoke(target.dispatch, 'catalog:import', { text: first.text })
      const second = await invoke(target.dispatch, 'catalog:export', { format })
      expect(second.text).toBe(first.text)
      const plan = await invoke(target.dispatch, 'catalog:get-plan', { id: 'team' })
      expect(plan.versions[0]?.features.find((f) => f.code === 'storage_gb')).toMatchObject({
        aggregation: 'weighted_sum',
      })
    },
  )

  it.each([
    ['an unknown aggregation', 'aggregation: count', 'aggregation: average', 'aggregation'],
    [
      'unique_count without its property',
      'aggregationProperty: user_id',
      'unit: user',
      'aggregationProperty',
    ],
    [
      'a property on another aggregation',
      'aggregation: count',
      'aggregation: count\n        aggregationProperty: user_id',
      'aggregationProperty',
    ],
  ])('refuses %s, naming the path', async (_name, from, to, key) => {
    const app = await fresh()
    const text = document.replace(from, to)
    const result = await app.dispatch('catalog:import', { text })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('validation_failed')
    expect(Object.keys(result.error.fields ?? {}).join(' ')).toMatch(
      new RegExp(`plans\\[0\\]\\.features\\[\\d\\]\\.${key}`),
    )
  })
})
