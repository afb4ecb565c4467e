import { z } from 'zod'
import { dayOf } from '../calendar/business-days'

const DATE = /^\d{4}-\d{2}-\d{2}$/
// A date-time that names its offset (Z, +02:00) is an instant; one without is a wall-clock time.
const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i

/**
 * `effectiveDate` as documents write it: a date (`2024-06-01`) or a date-time, with an offset
 * (`2024-06-01T00:00:00Z`) or without one (a time in the business time zone). The text is kept as
 * written, so a document exports back as it came; `effectiveDayOf` reads the day it means.
 */
export const EffectiveDateSchema = z
  .string('must be a date (2024-06-01) or a date-time (2024-06-01T00:00:00Z) written as text')
  .refine(
    (text) =>
      z.iso.date().safeParse(text).success ||
      z.iso.datetime({ offset: true, local: true }).safeParse(text).success,
    'must be a date (2024-06-01) or a date-time (2024-06-01T00:00:00Z)',
  )

/**
 * The business day (YYYY-MM-DD) a version takes effect: a date is that day; a date-time with an
 * offset is the day that instant falls on in the business time zone (midnight UTC is still the
 * previous evening in New York); one without an offset is already business time, so its date.
 */
export const effectiveDayOf = (text: string, timeZone: string): string => {
  if (DATE.test(text) || !WITH_OFFSET.test(text)) return text.slice(0, 10)
  return dayOf(new Date(text), timeZone)
}
