import { formatDate, formatPeriod } from '../format'
import { useSettings } from '../settings/queries'

/**
 * "Oct 1 – 31, 2026": a billing period with both days included, read in the business time zone
 * where period boundaries are midnights (the formatting itself lives in ../format).
 */
export const formatPeriodRange = (start: string, end: string, timeZone: string): string =>
  formatPeriod(start, end, { timeZone })

/** A day (a due date, "billed through") as the business time zone's calendar names it. */
export const formatBusinessDay = (value: string, timeZone: string): string =>
  formatDate(value, { timeZone })

/** The business time zone from the settings; UTC (the default) until they are read. */
export const useBusinessZone = (): string => useSettings().data?.businessTimeZone ?? 'UTC'
