import type { DecimalString } from '../src-shared/domain/pricing'
import { formatMinor, isCurrency, minorUnitDigits } from '../src-shared/money'

/**
 * Every date, period, quantity and amount a screen shows goes through this module, so the whole
 * app reads in the operator's locale (`locale` undefined: the OS/browser's) and calendar days are
 * the business time zone's. Tests pass a locale and a zone to pin the output.
 */
export type Where = {
  locale?: string | undefined
  /** An IANA zone; undefined means the operator's own zone (for moments, not calendar days). */
  timeZone?: string | undefined
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()

/** Intl objects are costly to build and a grid formats thousands of cells: one per options set. */
const cached = <T extends Intl.DateTimeFormat | Intl.NumberFormat>(
  key: string,
  make: () => T,
): T => {
  const hit = cache.get(key)
  if (hit) return hit as T
  const made = make()
  cache.set(key, made)
  return made
}

/** An unknown zone (a typo in the settings) must not blank a screen: it reads as UTC instead. */
const zoneOrUtc = (timeZone: string | undefined): string | undefined => {
  if (timeZone === undefined) return undefined
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return timeZone
  } catch {
    return 'UTC'
  }
}

const dates = (
  style: 'date' | 'dateTime' | 'day' | 'minute',
  { locale, timeZone }: Where,
): Intl.DateTimeFormat => {
  const zone = zoneOrUtc(timeZone)
  return cached(`d|${style}|${locale ?? ''}|${zone ?? ''}`, () => {
    const options: Intl.DateTimeFormatOptions =
      style === 'date'
        ? { dateStyle: 'medium' }
        : style === 'dateTime'
          ? { dateStyle: 'medium', timeStyle: 'medium' }
          : style === 'minute'
            ? { dateStyle: 'medium', timeStyle: 'short' }
            : { day: 'numeric', month: 'short', year: 'numeric' }
    return new Intl.DateTimeFormat(locale, zone ? { ...options, timeZone: zone } : options)
  })
}

const calendarDay = /^\d{4}-\d{2}-\d{2}$/

/**
 * The instant to format and the zone to read it in. A calendar date ("2026-11-01") names its day
 * whatever the zone, so it is read at noon UTC in UTC.
 */
const moment = (value: string, where: Where): { at: Date; where: Where } | undefined => {
  if (calendarDay.test(value))
    return { at: new Date(`${value}T12:00:00Z`), where: { ...where, timeZone: 'UTC' } }
  const at = new Date(value)
  return Number.isNaN(at.getTime()) ? undefined : { at, where }
}

/** "Nov 1, 2026": the day of an ISO instant in `timeZone`, or of a calendar date as written. */
export const formatDate = (value: string, where: Where = {}): string => {
  const read = moment(value, where)
  return read ? dates('date', read.where).format(read.at) : value
}

/**
 * The last day before an exclusive end ("billed through" a period that ends at the midnight of
 * 1 November is 31 October); a calendar date is already the last day.
 */
export const formatLastDay = (end: string, where: Where = {}): string => {
  const read = moment(end, where)
  if (!read) return end
  const last = calendarDay.test(end) ? read.at : new Date(read.at.getTime() - 1)
  return dates('date', read.where).format(last)
}

/** "Nov 1, 2026, 9:30:05 AM": an ISO instant to the second; unparseable input as received. */
export const formatDateTime = (value: string, where: Where = {}): string => {
  const read = moment(value, where)
  return read ? dates('dateTime', read.where).format(read.at) : value
}

/** "Nov 1, 2026, 9:30 AM": a period boundary or reset time, where seconds are noise. */
export const formatMinute = (value: string, where: Where = {}): string => {
  const read = moment(value, where)
  return read ? dates('minute', read.where).format(read.at) : value
}

/**
 * "Nov 1 – 30, 2026" (en-US), "1.–30. Nov. 2026" (de-DE): a billing period with both days
 * included. An instant `end` is the midnight after the last day in the business zone, so the
 * last day shown is the one before it; a calendar-date `end` is already the last day.
 */
export const formatPeriod = (start: string, end: string, where: Where = {}): string => {
  const from = moment(start, where)
  const toRead = moment(end, where)
  if (!from || !toRead) return `${formatDate(start, where)} – ${formatDate(end, where)}`
  const to = calendarDay.test(end) ? toRead.at : new Date(toRead.at.getTime() - 1)
  // formatRange needs one zone for both ends; mixed kinds fall back to two dates.
  if (from.where.timeZone !== toRead.where.timeZone)
    return `${dates('day', from.where).format(from.at)} – ${dates('day', toRead.where).format(to)}`
  return dates('day', from.where).formatRange(from.at, to < from.at ? from.at : to)
}

const plainDecimal = /^-?\d+(\.\d+)?$/

/** The digits after the point of a decimal string ("0.0015" → 4). */
const scale = (decimal: string): number => decimal.split('.')[1]?.length ?? 0

/**
 * "1,234,567.25": a decimal string with the locale's separators, exactly. Intl formats a numeric
 * string as a decimal, never through a float, and every digit given is kept.
 */
export const formatQuantity = (quantity: DecimalString, where: Where = {}): string => {
  if (!plainDecimal.test(quantity)) return quantity
  // Trailing zeros carry no quantity ("2.50" units read "2.5"); no other digit is dropped.
  const digits = Math.min(scale(quantity), 100)
  return cached(
    `q|${where.locale ?? ''}|${digits}`,
    () => new Intl.NumberFormat(where.locale, { maximumFractionDigits: digits }),
  ).format(quantity as `${number}`)
}

/**
 * "20.00", "0.0015": a rate or price in a currency as a decimal string, with at least the
 * currency's minor digits and every finer digit kept (a per-unit rate can be finer than a cent).
 */
export const formatRate = (rate: DecimalString, currency: string, where: Where = {}): string => {
  if (!plainDecimal.test(rate)) return rate
  const least = isCurrency(currency) ? minorUnitDigits(currency) : 0
  const digits = Math.min(Math.max(least, scale(rate)), 100)
  return cached(
    `r|${where.locale ?? ''}|${least}|${digits}`,
    () =>
      new Intl.NumberFormat(where.locale, {
        minimumFractionDigits: Math.min(least, digits),
        maximumFractionDigits: digits,
      }),
  ).format(rate as `${number}`)
}

/** "$1,200.00": minor units; an unknown currency code still shows the raw amount. */
export const formatMoney = (amountMinor: number, currency: string, where: Where = {}): string =>
  isCurrency(currency)
    ? formatMinor(amountMinor, currency, where.locale)
    : `${amountMinor} ${currency} (minor)`
