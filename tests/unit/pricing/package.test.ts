import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import type { PackagePricing } from '../../../src-shared/domain/pricing'
import { packageModel, wholePackages } from '../../../src-main/pricing/package'

// The example: 500 SMS for $20.
const sms = (extra: Partial<PackagePricing> = {}): PackagePricing => ({
  model: 'package',
  package_size: '500',
  package_amount: '20',
  ...extra,
})

const priced = (pricing: PackagePricing, quantity: string) => {
  const { amount, breakdown } = packageModel.price(new Big(quantity), pricing)
  return { packages: breakdown[0]?.units, amount: amount.toFixed() }
}

describe('package pricing', () => {
  it.each([
    ['0', 'up', '0', '0', 'zero usage buys no package'],
    ['1', 'up', '1', '20', 'one unit starts a package'],
    ['1', 'down', '0', '0', 'rounding down charges only full packages'],
    ['500', 'up', '1', '20', 'exactly one package'],
    ['500', 'down', '1', '20', 'exactly one package, rounding down'],
    ['501', 'up', '2', '40', 'one past a package'],
    ['1201', 'up', '3', '60', "the issue's example: 1,201 SMS"],
    ['1201', 'down', '2', '40', '1,201 SMS, rounding down'],
    ['1000.5', 'up', '3', '60', 'a fraction of a unit starts a package'],
  ] as const)(
    '%s units rounded %s: %s packages, %s',
    (quantity, rounding, packages, amount, _why) => {
      expect(priced(sms({ rounding }), quantity)).toEqual({ packages, amount })
    },
  )

  it.each([
    ['50', '0', '0', 'below the free units: nothing, not a credit'],
    ['100', '0', '0', 'the free units exactly'],
    ['101', '1', '20', 'one past the free units'],
    ['600', '1', '20', 'the free units plus one package'],
    ['601', '2', '40', 'one past that'],
  ])('with 100 free units, %s units: %s packages, %s', (quantity, packages, amount) => {
    expect(priced(sms({ free_units: '100' }), quantity)).toEqual({ packages, amount })
  })

  it.each([
    ['0.9', '0.3', 'up', '3', 'exact where floats give 0.9 / 0.3 = 3.0000000000000004'],
    ['0.90000000000000000000001', '0.3', 'up', '4', 'a tiny fraction past a package'],
    ['1', '3', 'up', '1', 'a quotient that does not terminate'],
    ['8.99999999999999999999999', '3', 'down', '2', 'a quotient Big.DP would round up to 3'],
    ['8.99999999999999999999999', '3', 'up', '3', 'the same, rounding up'],
    ['1.2', '0.5', 'down', '2', 'fractional package sizes'],
  ] as const)(
    '%s units in packages of %s rounded %s: %s',
    (quantity, size, rounding, packages, _why) => {
      expect(priced(sms({ package_size: size, rounding }), quantity).packages).toBe(packages)
    },
  )

  it('counts whole packages exactly', () => {
    expect(wholePackages(new Big('6'), new Big('3')).toFixed()).toBe('2')
    expect(wholePackages(new Big('5.99999999999999999999999'), new Big('3')).toFixed()).toBe('1')
  })

  it('shows one row: the packages from the free units on', () => {
    expect(packageModel.price(new Big('1201'), sms({ free_units: '1' })).breakdown).toEqual([
      { from: '1', to: null, units: '3', unit_amount: '20', flat_amount: '0', subtotal: '60' },
    ])
  })

  it('keeps rounding down as written, and refuses any other rounding', () => {
    expect(packageModel.schema.parse(sms({ rounding: 'down' })).rounding).toBe('down')
    expect(packageModel.schema.safeParse({ ...sms(), rounding: '' }).success).toBe(false)
  })

  it('counts whole packages exactly where the quotient has more digits than Big.DP', () => {
    // 10 / 0.333…3 (30 threes) is 30.000…03, just past 30: Big.DP cuts it to 30, all of them fit.
    const size = new Big('0.' + '3'.repeat(30))
    expect(wholePackages(new Big('10'), size).toFixed()).toBe('30')
    expect(wholePackages(size.times(7), size).toFixed()).toBe('7')
  })

  it('applies the defaults: no free units, rounding up', () => {
    expect(packageModel.schema.parse(sms())).toEqual({
      ...sms(),
      free_units: '0',
      rounding: 'up',
    })
  })
})
