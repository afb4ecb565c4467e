import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import type { RoundingRule } from '../../../src-shared/domain/pricing'
import { AppError } from '../../../src-main/errors'
import { roundToMinor } from '../../../src-main/pricing'

const failure = (run: () => unknown): Pick<AppError, 'code' | 'fields'> => {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, fields: error.fields }
    throw error
  }
  throw new Error('expected an AppError')
}

describe('rounding a line to the minor unit', () => {
  it.each<[string, string, RoundingRule, number]>([
    ['0', 'USD', 'half_up', 0],
    ['0', 'USD', 'ceil', 0],
    ['1.005', 'USD', 'half_up', 101],
    ['1.005', 'USD', 'half_even', 100],
    ['1.015', 'USD', 'half_even', 102],
    ['1.025', 'USD', 'half_even', 102],
    ['1.025', 'USD', 'half_up', 103],
    ['1.0049999', 'USD', 'half_up', 100],
    ['0.001', 'USD', 'ceil', 1],
    ['0.001', 'USD', 'half_up', 0],
    ['0.999', 'USD', 'floor', 99],
    ['125', 'USD', 'half_up', 12500],
    ['1234.5', 'JPY', 'half_up', 1235],
    ['1234.5', 'JPY', 'half_even', 1234],
    ['1235.5', 'JPY', 'half_even', 1236],
    ['1234.01', 'JPY', 'ceil', 1235],
    ['1234.99', 'JPY', 'floor', 1234],
    ['1.2345', 'KWD', 'half_up', 1235],
    ['1.2345', 'KWD', 'half_even', 1234],
    ['0.0001', 'KWD', 'ceil', 1],
    ['0.9999', 'KWD', 'floor', 999],
    // A credit: ceil and floor go towards +∞ and −∞, not away from and towards zero.
    ['-1.005', 'USD', 'ceil', -100],
    ['-1.005', 'USD', 'floor', -101],
    ['-0.001', 'USD', 'ceil', 0],
    ['90071992547409.91', 'USD', 'half_up', Number.MAX_SAFE_INTEGER],
  ])('%s %s by %s is %d minor units', (amount, currency, rule, minor) => {
    expect(roundToMinor(new Big(amount), currency, rule)).toBe(minor)
  })

  it('refuses an amount beyond the largest safe integer of minor units', () => {
    expect(failure(() => roundToMinor(new Big('90071992547409.92'), 'USD', 'half_up'))).toEqual({
      code: 'validation_failed',
      fields: { amount: 'is too large to bill' },
    })
    expect(failure(() => roundToMinor(new Big('1e30'), 'JPY', 'half_up')).code).toBe(
      'validation_failed',
    )
  })

  it('says why in the message', () => {
    expect(() => roundToMinor(new Big('90071992547409.92'), 'USD', 'half_up')).toThrow(
      'The amount 90071992547409.92 USD is too large to bill: at most 9007199254740991 minor units fit in one line.',
    )
    expect(() => roundToMinor(new Big(1), 'ABC', 'half_up')).toThrow(
      'Unknown ISO 4217 currency code: ABC',
    )
  })

  it.each(['usd', 'ABC', 'DOLLARS', ''])('refuses the unknown currency code %j', (currency) => {
    expect(failure(() => roundToMinor(new Big(1), currency, 'half_up'))).toEqual({
      code: 'validation_failed',
      fields: { currency: 'must be a known ISO 4217 currency code such as USD, EUR or JPY' },
    })
  })
})
