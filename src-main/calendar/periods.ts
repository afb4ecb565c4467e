import { TZDate, tz } from '@date-fns/tz'
import { differenceInCalendarDays, format, getDaysInMonth } from 'date-fns'
import type { PeriodKey } from '../../src-shared/domain/billing'
import type { Interval } from '../../src-shared/domain/catalog'
import { AppError } from '../errors'

/**
 * Billing periods: where a subscription's periods begin and end, as UTC instants, with all
 * calendar reasoning done in the business time zone (a period starts at 00:00 there, and a day
 * of 23 or 25 hours is still one day). @date-fns/tz turns local dates into instants and back;
 * nothing here adds or subtracts offsets by hand.
 */

/** A subscription's billing period, [start, end), as UTC instants; `key` is its start month. */
export type BillingPeriod = { start: Date; end: Date; key: PeriodKey }

/** How a subscription's periods are laid out. */
export type PeriodBasis = {
  /** YYYY-MM-DD in the business time zone: the subscription's start. */
  startDate: string
  /** 1..31; clamped to each month's length (31 → Feb 28 or 29, and 31 again in March). */
  anchorDay: number
  interval: Interval
}

/** A calendar day; `month` is 0-based, as Date and TZDate take it. */
type LocalDay = { year: number; month: number; day: number }

const parseDay = (text: string, field: string): LocalDay => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  const year = Number(match?.[1])
  const month = Number(match?.[2]) - 1
  const day = Number(match?.[3])
  if (!match || month < 0 || month > 11 || day < 1 || day > 31)
    throw new AppError('validation_failed', `${field} must be a date as YYYY-MM-DD, not "${text}"`)
  return { year, month, day }
}

/**
 * Remembers answers that ask the time-zone database: each costs an Intl formatting call, a run
 * asks the same few (period boundaries shared by thousands of subscriptions) over and over, and
 * the answers never change. Bounded, so a long-lived process does not grow it forever.
 */
const memo = <T>(compute: (key: string) => T): ((key: string) => T) => {
  const cache = new Map<string, T>()
  return (key) => {
    let value = cache.get(key)
    if (value === undefined) {
      if (cache.size > 50_000) cache.clear()
      value = compute(key)
      cache.set(key, value)
    }
    return value
  }
}

const startOfDayMemo = memo((key) => {
  const [year, month, day, timeZone] = key.split('|')
  return new TZDate(Number(year), Number(month), Number(day), timeZone ?? 'UTC').getTime()
})

/** The first instant of a local day: 00:00, or the first minute that exists where DST skips it. */
const startOfLocalDay = ({ year, month, day }: LocalDay, timeZone: string): Date =>
  new Date(startOfDayMemo(`${year}|${month}|${day}|${timeZone}`))

const localDayMemo = memo((key): LocalDay => {
  const [time, timeZone] = key.split('|')
  const local = new TZDate(Number(time), timeZone ?? 'UTC')
  return { year: local.getFullYear(), month: local.getMonth(), day: local.getDate() }
})

const localDayOf = (at: Date, timeZone: string): LocalDay =>
  localDayMemo(`${at.getTime()}|${timeZone}`)

const daysInMonthMemo = memo((key) => {
  const [year, month, timeZone] = key.split('|')
  return getDaysInMonth(new TZDate(Number(year), Number(month), 1, timeZone ?? 'UTC'))
})

const checkBasis = (basis: PeriodBasis): void => {
  const { anchorDay, interval } = basis
  if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31)
    throw new AppError(
      'validation_failed',
      `The billing anchor day must be 1 to 31, not ${anchorDay}`,
    )
  if (!Number.isInteger(interval.count) || interval.count < 1)
    throw new AppError(
      'validation_failed',
      `A billing interval must count at least 1 ${interval.unit}`,
    )
}

const monthsPerPeriod = ({ unit, count }: Interval): number =>
  unit === 'year' ? 12 * count : count

/** The anchor day of month number `index` (year × 12 + month), clamped to that month's length. */
const anchorIn = (index: number, anchorDay: number, timeZone: string): Date => {
  const year = Math.floor(index / 12)
  const month = index - year * 12
  const length = daysInMonthMemo(`${year}|${month}|${timeZone}`)
  return startOfLocalDay({ year, month, day: Math.min(anchorDay, length) }, timeZone)
}

const periodOf = (start: Date, end: Date, timeZone: string): BillingPeriod => ({
  start,
  end,
  key: periodKeyOf(start, timeZone),
})

/** `YYYY-MM`: the month, in the business time zone, in which a period starts. */
export const periodKeyOf = (start: Date, timeZone: string): PeriodKey =>
  periodKeyMemo(`${start.getTime()}|${timeZone}`)

const periodKeyMemo = memo((key) => {
  const [time, timeZone] = key.split('|')
  return format(new Date(Number(time)), 'yyyy-MM', { in: tz(timeZone ?? 'UTC') })
})

/**
 * The grid of period starts is laid from the subscription's start: for month and year intervals
 * on the anchor day every `n` months, counted from the start month; for day intervals every `n`
 * days from the start date. The grid runs both ways, so any instant has a period (one before the
 * subscription simply has nothing billable in it).
 */
type Grid = { boundary: (k: number) => Date; indexAt: (at: Date) => number }

const gridOf = (basis: PeriodBasis, timeZone: string): Grid => {
  checkBasis(basis)
  const start = parseDay(basis.startDate, 'The start date')
  const { interval, anchorDay } = basis
  if (interval.unit === 'day') {
    const step = interval.count
    const origin = startOfLocalDay(start, timeZone)
    return {
      boundary: (k) => startOfLocalDay({ ...start, day: start.day + k * step }, timeZone),
      indexAt: (at) =>
        Math.floor(differenceInCalendarDays(at, origin, { in: tz(timeZone) }) / step),
    }
  }
  const step = monthsPerPeriod(interval)
  const origin = start.year * 12 + start.month
  const boundary = (k: number): Date => anchorIn(origin + k * step, anchorDay, timeZone)
  return {
    boundary,
    indexAt: (at) => {
      const local = localDayOf(at, timeZone)
      const k = Math.floor((local.year * 12 + local.month - origin) / step)
      // Before the anchor day of its month, an instant still belongs to the previous period.
      return at.getTime() < boundary(k).getTime() ? k - 1 : k
    },
  }
}

/** The period holding the instant `at`. */
export const periodAt = (basis: PeriodBasis, at: Date, timeZone: string): BillingPeriod => {
  const grid = gridOf(basis, timeZone)
  const k = grid.indexAt(at)
  return periodOf(grid.boundary(k), grid.boundary(k + 1), timeZone)
}

/**
 * Every period starting in the calendar month `key` (business time zone), from the subscription's
 * first period on (the one holding its start date). Month and year intervals give at most one;
 * short day intervals (14 days) may give two or three.
 */
const computePeriodsStartingIn = (
  basis: PeriodBasis,
  key: PeriodKey,
  timeZone: string,
): BillingPeriod[] => {
  const grid = gridOf(basis, timeZone)
  const { year, month } = parseDay(`${key}-01`, 'The period')
  const monthStart = startOfLocalDay({ year, month, day: 1 }, timeZone)
  const nextMonth = startOfLocalDay({ year, month: month + 1, day: 1 }, timeZone)
  const first = grid.indexAt(startOfLocalDay(parseDay(basis.startDate, 'The start date'), timeZone))
  const periods: BillingPeriod[] = []
  let k = Math.max(first, grid.indexAt(monthStart))
  for (; grid.boundary(k).getTime() < nextMonth.getTime(); k++) {
    const start = grid.boundary(k)
    if (start.getTime() >= monthStart.getTime())
      periods.push(periodOf(start, grid.boundary(k + 1), timeZone))
  }
  return periods
}

const periodsStartingInMemo = memo((key) => {
  const [startDate = '', anchorDay, unit, count, month = '', timeZone = 'UTC'] = key.split('|')
  const interval = { unit, count: Number(count) } as Interval
  return computePeriodsStartingIn(
    { startDate, anchorDay: Number(anchorDay), interval },
    month,
    timeZone,
  )
})

export const periodsStartingIn = (
  basis: PeriodBasis,
  key: PeriodKey,
  timeZone: string,
): BillingPeriod[] => {
  const { startDate, anchorDay, interval } = basis
  // Thousands of subscriptions share a layout (start, anchor, interval): one answer serves all.
  return [
    ...periodsStartingInMemo(
      `${startDate}|${anchorDay}|${interval.unit}|${interval.count}|${key}|${timeZone}`,
    ),
  ]
}

/**
 * The period whose start falls in the calendar month `key`, or null when none does (a yearly plan
 * in another month, or a month before the subscription's first period). For day intervals with
 * several periods starting in the month, the earliest (see periodsStartingIn for all of them).
 */
export const periodStartingIn = (
  basis: PeriodBasis,
  key: PeriodKey,
  timeZone: string,
): BillingPeriod | null => periodsStartingIn(basis, key, timeZone)[0] ?? null

/**
 * The billable part of a period: from the latest of its start, the subscription's start (00:00)
 * and the trial's end (the trial covers the days before `trialEnd`; billing starts at 00:00 on
 * it), to the earlier of its end and the cancellation. Null when nothing of it is billable.
 */
export const billableWindow = (
  period: BillingPeriod,
  subscription: { startDate: string; trialEnd: string | null; canceledAt: Date | null },
  timeZone: string,
): { from: Date; to: Date } | null => {
  const starts = [
    period.start.getTime(),
    startOfLocalDay(parseDay(subscription.startDate, 'The start date'), timeZone).getTime(),
  ]
  if (subscription.trialEnd !== null)
    starts.push(
      startOfLocalDay(parseDay(subscription.trialEnd, 'The trial end'), timeZone).getTime(),
    )
  const from = Math.max(...starts)
  const to = Math.min(period.end.getTime(), subscription.canceledAt?.getTime() ?? Infinity)
  return from < to ? { from: new Date(from), to: new Date(to) } : null
}

/**
 * Calendar days from `from` to `to` in the business time zone: a day of 23 or 25 hours counts
 * once. Additive (days(a, b) + days(b, c) = days(a, c)), so a day on which something changes at
 * 15:00 belongs wholly to what follows: the new plan, or, for a cancellation, to nobody.
 */
export const daysIn = (from: Date, to: Date, timeZone: string): number =>
  daysInMemo(`${from.getTime()}|${to.getTime()}|${timeZone}`)

const daysInMemo = memo((key) => {
  const [from, to, timeZone] = key.split('|')
  return differenceInCalendarDays(new Date(Number(to)), new Date(Number(from)), {
    in: tz(timeZone ?? 'UTC'),
  })
})

/**
 * The days of [from, to) as people write them, the last day inclusive: "1–31 Oct 2026",
 * "15 Oct – 14 Nov 2026", "15 Dec 2026 – 14 Jan 2027"; one day: "15 Oct 2026".
 */
export const formatDayRange = (from: Date, to: Date, timeZone: string): string =>
  dayRangeMemo(`${from.getTime()}|${to.getTime()}|${timeZone}`)

const dayRangeMemo = memo((key) => {
  const [fromTime, toTime, zone] = key.split('|')
  const from = new Date(Number(fromTime))
  const to = new Date(Number(toTime))
  const timeZone = zone ?? 'UTC'
  const first = localDayOf(from, timeZone)
  const end = localDayOf(to, timeZone)
  const a = new TZDate(first.year, first.month, first.day, timeZone)
  const b = new TZDate(end.year, end.month, end.day - 1, timeZone)
  if (b.getTime() <= a.getTime()) return format(a, 'd MMM yyyy')
  if (first.year !== b.getFullYear())
    return `${format(a, 'd MMM yyyy')} – ${format(b, 'd MMM yyyy')}`
  if (first.month !== b.getMonth()) return `${format(a, 'd MMM')} – ${format(b, 'd MMM yyyy')}`
  return `${first.day}–${format(b, 'd MMM yyyy')}`
})

/** One day as people write it: "15 Oct 2026". */
export const formatDay = (at: Date, timeZone: string): string =>
  format(at, 'd MMM yyyy', { in: tz(timeZone) })
