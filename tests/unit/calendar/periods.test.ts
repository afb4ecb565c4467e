import { describe, expect, it } from 'vitest'
import type { BillingPeriod } from '../../../src-main/billing/compute/types'
import {
  billableWindow,
  daysIn,
  formatDayRange,
  periodAt,
  periodStartingIn,
  periodsStartingIn,
  type PeriodBasis,
} from '../../../src-main/calendar/periods'

const monthly = (startDate: string, anchorDay: number): PeriodBasis => ({
  startDate,
  anchorDay,
  interval: { unit: 'month', count: 1 },
})
const at = (iso: string): Date => new Date(iso)
const iso = (p: BillingPeriod | null) =>
  p && { start: p.start.toISOString(), end: p.end.toISOString(), key: p.key }

describe('periods in the business time zone', () => {
  it.each([
    // [zone, instant, expected start, end, key, why]
    [
      'UTC',
      '2026-10-15T12:00:00Z',
      '2026-10-01T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
      '2026-10',
      'plain UTC month',
    ],
    // New York: EST (−5) in early March, EDT (−4) from 8 Mar: the period is 31 days of 743 hours.
    [
      'America/New_York',
      '2026-03-15T12:00:00Z',
      '2026-03-01T05:00:00.000Z',
      '2026-04-01T04:00:00.000Z',
      '2026-03',
      'spring forward inside',
    ],
    // November: starts in EDT, ends in EST (clocks fall back on 1 Nov).
    [
      'America/New_York',
      '2026-11-20T12:00:00Z',
      '2026-11-01T04:00:00.000Z',
      '2026-12-01T05:00:00.000Z',
      '2026-11',
      'fall back inside',
    ],
    // 00:30 on 1 Nov in New York is still 31 Oct 04:30 UTC's next day: it belongs to November.
    [
      'America/New_York',
      '2026-11-01T04:30:00Z',
      '2026-11-01T04:00:00.000Z',
      '2026-12-01T05:00:00.000Z',
      '2026-11',
      'first minutes of the month',
    ],
    [
      'America/New_York',
      '2026-11-01T03:59:59Z',
      '2026-10-01T04:00:00.000Z',
      '2026-11-01T04:00:00.000Z',
      '2026-10',
      'last second of October, local',
    ],
    // Kolkata is +05:30: 1 Oct 00:00 there is 30 Sep 18:30 UTC.
    [
      'Asia/Kolkata',
      '2026-09-30T19:00:00Z',
      '2026-09-30T18:30:00.000Z',
      '2026-10-31T18:30:00.000Z',
      '2026-10',
      'half-hour offset, already October',
    ],
    [
      'Asia/Kolkata',
      '2026-09-30T18:00:00Z',
      '2026-08-31T18:30:00.000Z',
      '2026-09-30T18:30:00.000Z',
      '2026-09',
      'half-hour offset, still September',
    ],
    // Auckland: NZST (+12) in September, NZDT (+13) from 27 Sep.
    [
      'Pacific/Auckland',
      '2026-09-15T00:00:00Z',
      '2026-08-31T12:00:00.000Z',
      '2026-09-30T11:00:00.000Z',
      '2026-09',
      'southern spring forward',
    ],
    [
      'Pacific/Auckland',
      '2026-09-30T11:00:00Z',
      '2026-09-30T11:00:00.000Z',
      '2026-10-31T11:00:00.000Z',
      '2026-10',
      'a period begins at its start instant',
    ],
  ])('%s: %s is in [%s, %s) keyed %s (%s)', (zone, instant, start, end, key) => {
    expect(iso(periodAt(monthly('2026-01-01', 1), at(instant), zone))).toEqual({ start, end, key })
  })

  it('counts calendar days, so a 23-hour and a 25-hour day are one day each', () => {
    const ny = 'America/New_York'
    expect(daysIn(at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'), ny)).toBe(1) // 23 h
    expect(daysIn(at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'), ny)).toBe(1) // 25 h
    expect(daysIn(at('2026-03-01T05:00:00Z'), at('2026-04-01T04:00:00Z'), ny)).toBe(31)
    expect(daysIn(at('2026-11-01T04:00:00Z'), at('2026-12-01T05:00:00Z'), ny)).toBe(30)
    // A change at 15:00 local belongs to the next part: 1 Oct 00:00 → 15 Oct 15:00 is 14 days.
    expect(daysIn(at('2026-10-01T04:00:00Z'), at('2026-10-15T19:00:00Z'), ny)).toBe(14)
  })
})

describe('anchor days', () => {
  const basis = monthly('2026-01-31', 31)
  it.each([
    [
      '2026-02-10T00:00:00Z',
      '2026-01-31T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
      'Jan 31 to Feb 28',
    ],
    [
      '2026-03-05T00:00:00Z',
      '2026-02-28T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
      'clamped in Feb, back to 31 in March',
    ],
    [
      '2026-04-29T12:00:00Z',
      '2026-03-31T00:00:00.000Z',
      '2026-04-30T00:00:00.000Z',
      'April has 30 days',
    ],
    [
      '2026-04-30T12:00:00Z',
      '2026-04-30T00:00:00.000Z',
      '2026-05-31T00:00:00.000Z',
      'clamped to 30 in April, 31 again in May',
    ],
    [
      '2028-02-29T12:00:00Z',
      '2028-02-29T00:00:00.000Z',
      '2028-03-31T00:00:00.000Z',
      'leap year: Feb 29',
    ],
    [
      '2028-02-28T12:00:00Z',
      '2028-01-31T00:00:00.000Z',
      '2028-02-29T00:00:00.000Z',
      'leap year: Jan 31 to Feb 29',
    ],
  ])('anchor 31: %s is in [%s, %s) (%s)', (instant, start, end) => {
    const p = periodAt(basis, at(instant), 'UTC')
    expect([p.start.toISOString(), p.end.toISOString()]).toEqual([start, end])
  })

  it('starts the first period at the last anchor before a mid-period start', () => {
    // Anchor 20, start 15 Oct: the first period is 20 Sep – 20 Oct, billable from 15 Oct.
    const basis20 = monthly('2026-10-15', 20)
    const first = periodAt(basis20, at('2026-10-15T00:00:00Z'), 'UTC')
    expect(iso(first)).toEqual({
      start: '2026-09-20T00:00:00.000Z',
      end: '2026-10-20T00:00:00.000Z',
      key: '2026-09',
    })
    expect(iso(periodStartingIn(basis20, '2026-09', 'UTC'))).toEqual(iso(first))
    expect(periodStartingIn(basis20, '2026-08', 'UTC')).toBeNull()
  })
})

describe('yearly and day intervals', () => {
  const yearly: PeriodBasis = {
    startDate: '2026-03-15',
    anchorDay: 15,
    interval: { unit: 'year', count: 1 },
  }

  it('lays yearly periods from the start month on the anchor day', () => {
    expect(iso(periodAt(yearly, at('2026-12-01T00:00:00Z'), 'Asia/Kolkata'))).toEqual({
      start: '2026-03-14T18:30:00.000Z',
      end: '2027-03-14T18:30:00.000Z',
      key: '2026-03',
    })
    expect(periodStartingIn(yearly, '2027-03', 'UTC')?.start.toISOString()).toBe(
      '2027-03-15T00:00:00.000Z',
    )
    expect(periodStartingIn(yearly, '2026-10', 'UTC')).toBeNull()
    expect(periodStartingIn(yearly, '2025-03', 'UTC')).toBeNull()
    expect(daysIn(at('2027-03-15T00:00:00Z'), at('2028-03-15T00:00:00Z'), 'UTC')).toBe(366)
  })

  it('counts 14-day periods from the start date, across a DST change', () => {
    const fortnight: PeriodBasis = {
      startDate: '2026-10-25',
      anchorDay: 1,
      interval: { unit: 'day', count: 14 },
    }
    const ny = 'America/New_York'
    const p = periodAt(fortnight, at('2026-11-03T12:00:00Z'), ny)
    // 25 Oct 00:00 EDT → 8 Nov 00:00 EST: 337 hours, 14 days.
    expect(iso(p)).toEqual({
      start: '2026-10-25T04:00:00.000Z',
      end: '2026-11-08T05:00:00.000Z',
      key: '2026-10',
    })
    expect(daysIn(p.start, p.end, ny)).toBe(14)
    expect(periodsStartingIn(fortnight, '2026-11', ny).map((q) => q.start.toISOString())).toEqual([
      '2026-11-08T05:00:00.000Z',
      '2026-11-22T05:00:00.000Z',
    ])
    expect(periodsStartingIn(fortnight, '2026-09', ny)).toEqual([])
  })

  it('gives the earliest of several 14-day periods starting in a month', () => {
    const fortnight: PeriodBasis = {
      startDate: '2026-10-01',
      anchorDay: 1,
      interval: { unit: 'day', count: 14 },
    }
    expect(periodsStartingIn(fortnight, '2026-10', 'UTC').map((q) => q.key)).toEqual([
      '2026-10',
      '2026-10',
      '2026-10',
    ])
    expect(periodStartingIn(fortnight, '2026-10', 'UTC')?.end.toISOString()).toBe(
      '2026-10-15T00:00:00.000Z',
    )
  })

  it('refuses an anchor outside 1..31 and an empty interval', () => {
    expect(() => periodAt(monthly('2026-01-01', 0), at('2026-02-01T00:00:00Z'), 'UTC')).toThrow(
      /anchor day/,
    )
    const none: PeriodBasis = { ...monthly('2026-01-01', 1), interval: { unit: 'day', count: 0 } }
    expect(() => periodAt(none, at('2026-02-01T00:00:00Z'), 'UTC')).toThrow(/at least 1/)
  })
})

describe('billable windows', () => {
  const ny = 'America/New_York'
  const october = periodAt(monthly('2026-01-01', 1), at('2026-10-10T12:00:00Z'), ny)
  const sub = { startDate: '2026-01-01', trialEnd: null, canceledAt: null }

  it.each([
    ['the whole period', sub, '2026-10-01T04:00:00.000Z', '2026-11-01T04:00:00.000Z'],
    [
      'from a mid-period start',
      { ...sub, startDate: '2026-10-15' },
      '2026-10-15T04:00:00.000Z',
      '2026-11-01T04:00:00.000Z',
    ],
    [
      'from the trial end (the trial covers the days before it)',
      { ...sub, trialEnd: '2026-10-20' },
      '2026-10-20T04:00:00.000Z',
      '2026-11-01T04:00:00.000Z',
    ],
    [
      'to a cancellation',
      { ...sub, canceledAt: at('2026-10-15T19:00:00Z') },
      '2026-10-01T04:00:00.000Z',
      '2026-10-15T19:00:00.000Z',
    ],
  ])('%s', (_, subscription, from, to) => {
    const w = billableWindow(october, subscription, ny)
    expect(w && [w.from.toISOString(), w.to.toISOString()]).toEqual([from, to])
  })

  it.each([
    ['a period wholly in trial', { ...sub, trialEnd: '2026-11-01' }],
    ['a period before the start', { ...sub, startDate: '2026-11-01' }],
    ['a period after a cancellation', { ...sub, canceledAt: at('2026-09-30T12:00:00Z') }],
  ])('is null for %s', (_, subscription) => {
    expect(billableWindow(october, subscription, ny)).toBeNull()
  })
})

describe('day ranges', () => {
  it.each([
    ['2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z', '1–31 Oct 2026'],
    ['2026-10-15T00:00:00Z', '2026-11-15T00:00:00Z', '15 Oct – 14 Nov 2026'],
    ['2026-12-15T00:00:00Z', '2027-01-15T00:00:00Z', '15 Dec 2026 – 14 Jan 2027'],
    ['2026-10-15T00:00:00Z', '2026-10-16T00:00:00Z', '15 Oct 2026'],
    // A cancellation at 15:00 on 15 Oct: that day is not billed, so the range ends on the 14th.
    ['2026-10-01T00:00:00Z', '2026-10-15T15:00:00Z', '1–14 Oct 2026'],
  ])('[%s, %s) reads "%s"', (from, to, text) => {
    expect(formatDayRange(at(from), at(to), 'UTC')).toBe(text)
  })
})
