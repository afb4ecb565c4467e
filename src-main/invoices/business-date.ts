/**
 * Calendar dates in the business time zone: an invoice finalized at 01:00 UTC on January 1st is
 * still dated December 31st in Los Angeles, and so numbered in the year it was issued there.
 */

const formatters = new Map<string, Intl.DateTimeFormat>()

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    // en-CA writes dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The date (`YYYY-MM-DD`) an instant falls on in the time zone. */
export const localDate = (at: Date, timeZone: string): string => {
  const parts = formatterFor(timeZone).formatToParts(at)
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** A calendar date plus whole days (calendar arithmetic: no time zone, no daylight saving). */
export const addDays = (date: string, days: number): string => {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}
