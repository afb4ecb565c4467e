import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import type { Pricing } from '../../../src-shared/domain/pricing'
import { validationError } from '../../../src-main/ipc/validation'
import { PricingSchema } from '../../../src-main/pricing'

/** Every offending field with its message, exactly as the contract reports them. */
const fieldsOf = (schema: z.ZodType, value: unknown): Record<string, string> | undefined => {
  const parsed = schema.safeParse(value)
  return parsed.success ? undefined : validationError('test', parsed.error).fields
}

const tier = (up_to: string | null, unit_amount = '1', extra: object = {}) => ({
  up_to,
  unit_amount,
  ...extra,
})
const tiered = (...tiers: unknown[]) => ({ model: 'tiered', tiers })

const decimal = 'must be a non-negative decimal number such as "12" or "0.0012"'

describe('invalid pricing definitions', () => {
  it.each<[string, unknown, Record<string, string>]>([
    ['no tiers', tiered(), { tiers: 'must have at least one tier' }],
    [
      'tiers that are not a list',
      { model: 'tiered', tiers: 'many' },
      { tiers: 'must be a list of tiers' },
    ],
    [
      'a duplicate bound',
      tiered(tier('100'), tier('100'), tier(null)),
      { 'tiers[1].up_to': 'must be greater than 100' },
    ],
    [
      'a bound that steps back',
      tiered(tier('100'), tier('50'), tier(null)),
      { 'tiers[1].up_to': 'must be greater than 100' },
    ],
    [
      'the bound as the previous tier wrote it',
      tiered(tier('100.50'), tier('100.5'), tier(null)),
      { 'tiers[1].up_to': 'must be greater than 100.50' },
    ],
    [
      'a step back after a valid step',
      tiered(tier('10'), tier('20'), tier('15'), tier(null)),
      { 'tiers[2].up_to': 'must be greater than 20' },
    ],
    [
      'a first bound of zero',
      tiered(tier('0'), tier(null)),
      { 'tiers[0].up_to': 'must be greater than 0' },
    ],
    [
      'a tier with both a unit amount and blocks',
      tiered({ up_to: null, unit_amount: '1', block_size: '10', block_amount: '5' }),
      { 'tiers[0].unit_amount': 'a tier prices per unit or per block, not both: remove one' },
    ],
    [
      'a block amount without a block size',
      tiered({ up_to: null, block_amount: '5' }),
      { 'tiers[0].block_size': 'is required with block_amount' },
    ],
    [
      'a block size without a block amount',
      tiered({ up_to: null, block_size: '10' }),
      { 'tiers[0].block_amount': 'is required with block_size' },
    ],
    [
      'a block size of zero',
      tiered({ up_to: null, block_size: '0', block_amount: '5' }),
      { 'tiers[0].block_size': 'must be greater than 0' },
    ],
    [
      'a malformed bound, which later bounds are not compared with',
      tiered(tier('1e3'), tier('500'), tier(null)),
      { 'tiers[0].up_to': decimal },
    ],
    [
      'an open tier that is not last',
      tiered(tier(null), tier('100'), tier(null)),
      { 'tiers[0].up_to': 'only the last tier may be open (null); give this tier an upper bound' },
    ],
    [
      'a negative unit amount',
      tiered(tier('10', '-1'), tier(null)),
      { 'tiers[0].unit_amount': 'must not be negative' },
    ],
    [
      'a negative flat amount',
      tiered(tier('10'), tier(null, '1', { flat_amount: '-5' })),
      { 'tiers[1].flat_amount': 'must not be negative' },
    ],
    ['a decimal comma', tiered(tier('10', '1,5'), tier(null)), { 'tiers[0].unit_amount': decimal }],
    ['exponent notation', tiered(tier('1e3'), tier(null)), { 'tiers[0].up_to': decimal }],
    ['a leading dot', tiered(tier('10', '.5'), tier(null)), { 'tiers[0].unit_amount': decimal }],
    [
      'a number instead of a string',
      tiered({ up_to: 100, unit_amount: '1' }, tier(null)),
      { 'tiers[0].up_to': 'must be a decimal number written as a string' },
    ],
    ['a missing unit amount', tiered({ up_to: null }), { 'tiers[0].unit_amount': 'is required' }],
    ['a missing bound', tiered({ unit_amount: '1' }), { 'tiers[0].up_to': 'is required' }],
    [
      'an unknown tier field',
      tiered(tier(null, '1', { flat_fee: '5' })),
      { 'tiers[0].flat_fee': 'is not a known field' },
    ],
    [
      'volume shares the tier rules',
      { model: 'volume', tiers: [tier('10'), tier('10'), tier(null)] },
      { 'tiers[1].up_to': 'must be greater than 10' },
    ],
    [
      'a negative flat price',
      { model: 'flat', unit_amount: '-0.5' },
      { unit_amount: 'must not be negative' },
    ],
    [
      'malformed free units',
      { model: 'flat', unit_amount: '1', free_units: 'ten' },
      { free_units: decimal },
    ],
    [
      'a package size of zero',
      { model: 'package', package_size: '0.000', package_amount: '20' },
      { package_size: 'must be greater than 0' },
    ],
    [
      'a negative package size',
      { model: 'package', package_size: '-500', package_amount: '20' },
      { package_size: 'must not be negative' },
    ],
    [
      'a negative package price',
      { model: 'package', package_size: '500', package_amount: '-20' },
      { package_amount: 'must not be negative' },
    ],
    [
      'an unknown package rounding',
      { model: 'package', package_size: '500', package_amount: '20', rounding: 'nearest' },
      { rounding: 'must be up or down' },
    ],
    [
      'an unknown model',
      { model: 'stairs', tiers: [] },
      { model: 'must be one of flat, tiered, volume, package, percentage, graduated_percentage' },
    ],
    [
      'no model',
      { unit_amount: '1' },
      { model: 'must be one of flat, tiered, volume, package, percentage, graduated_percentage' },
    ],
    [
      'not an object',
      'flat',
      {
        '(input)':
          'must be a pricing definition: an object with a model (flat, tiered, volume, package, percentage, graduated_percentage)',
      },
    ],
  ])('rejects %s', (_name, definition, fields) => {
    expect(fieldsOf(PricingSchema, definition)).toEqual(fields)
  })

  it('names the full path when embedded in a document schema', () => {
    const Catalog = z.object({
      plans: z.array(z.object({ features: z.array(z.object({ pricing: PricingSchema })) })),
    })
    const bad = { features: [{ pricing: tiered(tier('100'), tier('100'), tier(null)) }] }
    const good = { features: [] }
    expect(fieldsOf(Catalog, { plans: [good, good, bad] })).toEqual({
      'plans[2].features[0].pricing.tiers[1].up_to': 'must be greater than 100',
    })
  })
})

describe('valid pricing definitions', () => {
  it('keeps every decimal exactly as written', () => {
    const definition = tiered(tier('100.0', '0.50', { flat_amount: '007' }), tier(null, '0.10'))
    expect(PricingSchema.parse(definition)).toEqual(definition)
  })

  it('accepts a tier priced per block, with no unit amount', () => {
    const blocks = tiered(
      { up_to: '1000', block_size: '100', block_amount: '1' },
      { up_to: null, block_size: '500', block_amount: '2', flat_amount: '3' },
    )
    expect(PricingSchema.parse(blocks)).toEqual(blocks)
  })

  it('accepts a bounded last tier', () => {
    expect(PricingSchema.parse(tiered(tier('10'), tier('20')))).toEqual(
      tiered(tier('10'), tier('20')),
    )
  })

  it('leaves an absent flat amount absent', () => {
    expect(PricingSchema.parse(tiered(tier(null)))).toEqual(tiered(tier(null)))
  })

  it('applies the model defaults', () => {
    expect(PricingSchema.parse({ model: 'flat', unit_amount: '1' })).toEqual({
      model: 'flat',
      unit_amount: '1',
      free_units: '0',
    })
    expect(
      PricingSchema.parse({ model: 'package', package_size: '500', package_amount: '20' }),
    ).toMatchObject({ free_units: '0', rounding: 'up' })
  })

  it('accepts exactly the Pricing type as input', () => {
    expectTypeOf<z.input<typeof PricingSchema>>().toEqualTypeOf<Pricing>()
    expectTypeOf<z.output<typeof PricingSchema>>().toExtend<Pricing>()
  })
})
