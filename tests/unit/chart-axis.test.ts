import { describe, expect, it } from 'vitest'
import { axisWidth } from '../../src-renderer/chart-axis'

const dollars = (value: number): string =>
  `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

describe('chart axes never cut their labels', () => {
  it('gives a vertical axis the room of its longest label, not a fixed 64 px', () => {
    // "-$1,234,567.00" is 14 characters: 14 × 12 px × 0.62 = 104.2 → 105, plus 18 for the tick.
    expect(axisWidth(1_234_567, dollars)).toBe(123)
  })

  it('counts the top tick rounding past the largest value', () => {
    const units = (value: number): string => `${Math.round(value)}`
    // 9,000 × 1.25 = 11,250: five digits (and "-9000" five characters) → 5 × 7.44 = 37.2 → 38.
    expect(axisWidth(9_000, units)).toBe(56)
  })
})
