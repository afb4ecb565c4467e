import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import {
  formatChange,
  formatMoney,
  formatQuantity,
  planLabel,
} from '../../../src-main/billing/compute/describe'
import { span, terms } from './invoice-fixtures'

describe('formatQuantity', () => {
  it.each([
    ['0', '0'],
    ['12500', '12,500'],
    // Groups of three from the right, whatever the length of the first.
    ['12', '12'],
    ['999', '999'],
    ['1000', '1,000'],
    ['123456', '123,456'],
    ['1234567890123', '1,234,567,890,123'],
    ['12500.5', '12,500.5'],
    ['0.000001', '0.000001'],
    ['1234567.891', '1,234,567.891'],
    // Not plainly written: read as a decimal first, so the text shown is always the same.
    ['1.50', '1.5'],
    ['007', '7'],
    ['1e3', '1,000'],
    ['-1200', '−1,200'],
    ['-0.5', '−0.5'],
  ])('writes %s as %s', (quantity, expected) => {
    expect(formatQuantity(quantity)).toBe(expected)
  })

  it('writes a Big the same way as its text', () => {
    expect(formatQuantity(new Big('2500.250'))).toBe('2,500.25')
  })
})

describe('formatChange', () => {
  it.each([
    ['1200', '+1,200'],
    ['0', '+0'],
    ['-300', '−300'],
    ['-0.5', '−0.5'],
  ])('writes a change of %s as %s', (quantity, expected) => {
    expect(formatChange(new Big(quantity))).toBe(expected)
  })
})

describe('formatMoney', () => {
  it.each([
    [3400, 'USD', '$34.00'],
    // ICU puts a no-break space after a code; stored text has a plain one.
    [10000, 'KWD', 'KWD 10.000'],
    [120000, 'JPY', '¥120,000'],
  ])('writes %s minor units of %s as %s', (amountMinor, currency, expected) => {
    expect(formatMoney(amountMinor, currency)).toBe(expected)
  })
})

describe('planLabel', () => {
  const v1 = span('Pro', terms(), undefined, undefined, 1)
  const v2 = span('Pro', terms(), undefined, undefined, 2)
  const starter = span('Starter', terms())

  it('names the version only where two spans of one plan would read alike', () => {
    expect(planLabel(v1, [v1, v2])).toBe('Pro (version 1)')
    expect(planLabel(v2, [v1, v2])).toBe('Pro (version 2)')
    expect(planLabel(v1, [starter, v1])).toBe('Pro')
    expect(planLabel(v1, [v1, v1])).toBe('Pro')
  })
})
