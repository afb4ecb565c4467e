import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BillingPeriod } from '../../../src-main/billing/compute/types'
import {
  billableWindow,
  periodAt,
  periodKeyOf,
  periodsStartingIn,
  type PeriodBasis,
} from '../../../src-main/calendar/periods'

const iso = (p: BillingPeriod | null) =>
  p && { start: p.start.toISOString(), end: p.end.toISOString(), key: p.key }

describe('round trips', () => {
  const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland', 'Europe/London']
  const bases = fc.record({
    startDate: fc
      .date({
        min: new Date('2024-01-01T00:00:00Z'),
        max: new Date('2028-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
    anchorDay: fc.integer({ min: 1, max: 31 }),
    interval: fc.oneof(
      fc.record({ unit: fc.constant('month' as const), count: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ unit: fc.constant('year' as const), count: fc.constant(1) }),
      fc.record({ unit: fc.constant('day' as const), count: fc.integer({ min: 1, max: 30 }) }),
    ),
  })
  const instants = fc.date({
    min: new Date('2023-06-01T00:00:00Z'),
    max: new Date('2030-06-01T00:00:00Z'),
    noInvalidDate: true,
  })

  it('every instant lies in its period, periods tile, and a period is found again by its key', () => {
    fc.assert(
      fc.property(bases, instants, fc.constantFrom(...zones), (basis, instant, zone) => {
        const p = periodAt(basis, instant, zone)
        expect(p.start.getTime()).toBeLessThanOrEqual(instant.getTime())
        expect(instant.getTime()).toBeLessThan(p.end.getTime())
        expect(iso(periodAt(basis, p.end, zone))?.start).toBe(p.end.toISOString())
        expect(periodAt(basis, new Date(p.start.getTime() - 1), zone).end).toEqual(p.start)
        expect(periodKeyOf(p.start, zone)).toBe(p.key)
        const found = periodsStartingIn(basis, p.key, zone).map(iso)
        const first = periodAt(basis, billableStart(basis, zone), zone)
        if (p.start.getTime() >= first.start.getTime()) expect(found).toContainEqual(iso(p))
        else expect(found).not.toContainEqual(iso(p))
      }),
      { numRuns: 400 },
    )
  })
})

/** The subscription's start as an instant, found through the API rather than recomputed here. */
const billableStart = (basis: PeriodBasis, zone: string): Date => {
  const wide: BillingPeriod = { start: new Date(0), end: new Date(8.64e15), key: '1970-01' }
  const window = billableWindow(
    wide,
    { startDate: basis.startDate, trialEnd: null, canceledAt: null },
    zone,
  )
  if (!window) throw new Error('unreachable: a wide period always has a window')
  return window.from
}
