import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import { formatQuantity } from '../../../src-main/billing/compute/describe'

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
