import { describe, expect, it } from 'vitest'
import { formatMoney } from '../../src-shared/money'

describe('formatMoney (every CLI amount a person reads)', () => {
  it.each([
    [120_000, 'USD', 'USD 1,200.00'],
    [11_900, 'USD', 'USD 119.00'],
    [5, 'USD', 'USD 0.05'],
    [0, 'EUR', 'EUR 0.00'],
    [1_200, 'JPY', 'JPY 1,200'],
    [1_234_567_890, 'JPY', 'JPY 1,234,567,890'],
    [500, 'KWD', 'KWD 0.500'],
    [-123_456, 'USD', 'USD -1,234.56'],
    [-7, 'JPY', 'JPY -7'],
    [Number.MAX_SAFE_INTEGER, 'USD', 'USD 90,071,992,547,409.91'],
  ])('%i %s reads %s (ISO 4217 exponent, thousands grouped)', (minor, currency, text) => {
    expect(formatMoney(minor, currency)).toBe(text)
  })

  it('refuses a currency that is not ISO 4217 rather than guessing its exponent', () => {
    expect(() => formatMoney(100, 'XYZ')).toThrow('Unknown ISO 4217 currency code: XYZ')
  })
})
