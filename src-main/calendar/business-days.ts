import { TZDate } from '@date-fns/tz'

/**
 * Calendar days (`YYYY-MM-DD`) in the business time zone and the UTC instants they begin and end
 * at: an invoice finalized at 01:00 UTC on January 1st is still dated December 31st in Los
 * Angeles. TZDate handles daylight saving and days that overflow their month.
 */

const parts = (date: string): [number, number, number] => {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number)
  return [y, m - 1, d]
}

/** The first instant of the day in `timeZone` (TZDate handles DST and overflowing days). */
export const startOfDay = (date: string, timeZone: string): Date =>
  new Date(new TZDate(...parts(date), timeZone).getTime())

/** The first instant of the day after, in `timeZone`. */
export const startOfNextDay = (date: string, timeZone: string): Date => {
  const [y, m, d] = parts(date)
  return new Date(new TZDate(y, m, d + 1, timeZone).getTime())
}

/** The last millisecond of the day in `timeZone`. */
export const endOfDay = (date: string, timeZone: string): Date =>
  new Date(startOfNextDay(date, timeZone).getTime() - 1)

/** The `YYYY-MM-DD` day an instant falls on in `timeZone`. */
export const dayOf = (at: Date, timeZone: string): string => {
  const local = new TZDate(at.getTime(), timeZone)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`
}

/** A calendar date plus whole days (calendar arithmetic: no time zone, no daylight saving). */
export const addDays = (date: string, days: number): string => {
  const [y, m, d] = parts(date)
  return new Date(Date.UTC(y, m, d + days)).toISOString().slice(0, 10)
}
