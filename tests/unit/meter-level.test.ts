import { describe, expect, it } from 'vitest'
import { meterLevel } from '../../src-renderer/customers/meter-level'

describe("a meter's colour follows the feature's own thresholds", () => {
  it('with the default 75, 90, 100: amber from 75 %, red from 90 %', () => {
    const defaults = [75, 90, 100]
    expect(meterLevel(74.99, defaults)).toBe('primary')
    expect(meterLevel(75, defaults)).toBe('warning')
    expect(meterLevel(89.99, defaults)).toBe('warning')
    expect(meterLevel(90, defaults)).toBe('error')
  })

  it("with a plan's 50, 80: amber at 60 % (the default would not colour it), red at 80 %", () => {
    expect(meterLevel(49, [80, 50])).toBe('primary')
    expect(meterLevel(60, [50, 80])).toBe('warning')
    expect(meterLevel(80, [50, 80])).toBe('error')
  })

  it("with a plan's 80, 100: still plain at 78 % (the default would be amber)", () => {
    expect(meterLevel(78, [80, 100])).toBe('primary')
    expect(meterLevel(95, [80, 100])).toBe('warning')
  })

  it('with one threshold, red from it; without any, never coloured', () => {
    expect(meterLevel(99, [100])).toBe('primary')
    expect(meterLevel(100, [100])).toBe('error')
    expect(meterLevel(150, [])).toBe('primary')
    expect(meterLevel(null, [75, 90, 100])).toBe('primary')
  })
})
