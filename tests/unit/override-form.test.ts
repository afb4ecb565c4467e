import { describe, expect, it } from 'vitest'
import type { PlanFeature } from '../../src-shared/domain/catalog'
import {
  OverridesFormSchema,
  overridesForm,
  overridesOf,
} from '../../src-shared/domain/override-form'

const features: PlanFeature[] = [
  {
    code: 'api_calls',
    name: 'API calls',
    type: 'usage',
    includedUnits: '10000',
    pricing: { model: 'flat', unit_amount: '0.002', free_units: '100' },
  },
  { code: 'seats', name: 'Seats', type: 'quota', limit: '5', enforcement: 'hard' },
  { code: 'sso', name: 'SSO', type: 'boolean', enabled: false },
]

const row = (code: string, patch: Record<string, string> = {}) => ({
  code,
  includedUnits: '',
  limit: '',
  price: '',
  enabled: 'plan' as const,
  ...patch,
})

describe('the override form', () => {
  it('turns typed fields into overrides, keeping the plan pricing beside a new unit price', () => {
    const form = OverridesFormSchema.parse({
      features: [
        row('api_calls', { includedUnits: '20000', price: '0.0015' }),
        row('seats', { limit: '12' }),
        { ...row('sso'), enabled: 'on' },
      ],
    })
    expect(overridesOf(features, form, [])).toEqual([
      {
        code: 'api_calls',
        includedUnits: '20000',
        pricing: { model: 'flat', unit_amount: '0.0015', free_units: '100' },
      },
      { code: 'seats', limit: '12' },
      { code: 'sso', enabled: true },
    ])
  })

  it('clears a feature back to the plan by leaving every field blank', () => {
    const stored = [{ code: 'seats', limit: '12' }]
    const form = OverridesFormSchema.parse(overridesForm(features, stored))
    expect(form.features[1]).toMatchObject({ code: 'seats', limit: '12' })
    const cleared = OverridesFormSchema.parse({
      features: [row('api_calls'), row('seats'), row('sso')],
    })
    expect(overridesOf(features, cleared, stored)).toEqual([])
  })

  it('keeps contract pricing it cannot show as one price, and overrides of other features', () => {
    const tiered = { model: 'tiered' as const, tiers: [{ up_to: null, unit_amount: '0.001' }] }
    const stored = [
      { code: 'api_calls', pricing: tiered },
      { code: 'gone', limit: '3' },
    ]
    const input = overridesForm(features, stored)
    expect(input.features[0]).toMatchObject({ price: '', keptPricing: tiered })
    expect(overridesOf(features, OverridesFormSchema.parse(input), stored)).toEqual(stored)
  })

  it('explains a bad value under its field with the contract decimal message', () => {
    const parsed = OverridesFormSchema.safeParse({
      features: [row('api_calls', { includedUnits: '-5' }), row('seats'), row('sso')],
    })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['features.0.includedUnits', 'must be a non-negative decimal number'],
    ])
  })
})
