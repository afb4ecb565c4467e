import { describe, expect, it } from 'vitest'
import { instantMs, parseInstant, parseTimestamp } from '../../src-main/usage/field-parsers'

describe('usage instants, as the ledger stores them (milliseconds since 1970 UTC)', () => {
  it('reads the common shapes by arithmetic exactly as JavaScript dates do, 1900 to 2200', () => {
    const start = Date.parse('1900-01-01T00:00:00.000Z')
    const end = Date.parse('2200-01-01T00:00:00.000Z')
    let checked = 0
    const wrong: string[] = []
    // A step that is not a whole number of days or seconds visits every month, day and hour.
    for (let ms = start; ms < end; ms += 31_968_001) {
      const iso = new Date(ms).toISOString()
      if (parseInstant(iso) !== ms) wrong.push(iso)
      const seconds = `${iso.slice(0, 19)}Z`
      if (parseInstant(seconds) !== Date.parse(seconds)) wrong.push(seconds)
      checked += 1
    }
    expect(wrong).toEqual([])
    expect(checked).toBeGreaterThan(290_000)
    for (const leap of ['2000-02-29T12:00:00Z', '2024-02-29T00:00:00.001Z', '1904-02-29T23:59:59Z'])
      expect(parseInstant(leap)).toBe(Date.parse(leap))
  })

  it('reads other ISO 8601 forms through the general parser, offsets applied', () => {
    expect(parseInstant('2026-11-01T10:30:00+01:00')).toBe(Date.parse('2026-11-01T09:30:00Z'))
    expect(parseInstant('2026-11-01 09:30Z')).toBe(Date.parse('2026-11-01T09:30:00Z'))
    expect(parseInstant('2026-11-01T09:30:00.123456789-0230')).toBe(
      Date.parse('2026-11-01T12:00:00.123Z'),
    )
    expect(parseTimestamp('2026-11-01T10:30:00+01:00')).toBe('2026-11-01T09:30:00.000Z')
    expect(instantMs('2026-11-01')).toBe(Date.parse('2026-11-01T00:00:00Z'))
  })

  it('refuses what is not an instant, saying why', () => {
    expect(parseInstant('2026-02-29T00:00:00Z')).toEqual({ error: 'is not a valid date and time' })
    expect(parseInstant('2026-11-01T24:00:00Z')).toEqual({ error: 'is not a valid date and time' })
    expect(parseInstant('1899-12-31T23:59:59Z')).toEqual({ error: 'is not a valid date and time' })
    expect(parseInstant('2026-11-01T09:30:00')).toEqual({
      error: 'has no time zone offset (end it with Z or an offset such as +01:00)',
    })
    expect(parseInstant('yesterday')).toEqual({
      error: 'is not an ISO 8601 timestamp (e.g. 2026-11-01T09:30:00Z)',
    })
    expect(instantMs('soon')).toBeNull()
  })
})
