import { useSettings } from '../settings/queries'

const dateOnly = /^\d{4}-\d{2}-\d{2}$/

const formatter = (timeZone: string): Intl.DateTimeFormat => {
  try {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone })
  } catch {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })
  }
}

const show = (value: string, timeZone: string, exclusiveEnd: boolean): string => {
  // A calendar date is shown as the date it names, whatever the zone.
  if (dateOnly.test(value)) return formatter('UTC').format(new Date(`${value}T12:00:00Z`))
  const at = new Date(value)
  if (Number.isNaN(at.getTime())) return value
  // An end instant is the midnight after the last day: the period's last day is the one before.
  return formatter(timeZone).format(exclusiveEnd ? new Date(at.getTime() - 1) : at)
}

/**
 * "Oct 1, 2026 – Oct 31, 2026": a billing period with both days included, read in the business
 * time zone where period boundaries are midnights.
 */
export const formatPeriodRange = (start: string, end: string, timeZone: string): string =>
  `${show(start, timeZone, false)} – ${show(end, timeZone, true)}`

/** The business time zone from the settings; UTC (the default) until they are read. */
export const useBusinessZone = (): string => useSettings().data?.businessTimeZone ?? 'UTC'
