import type { DecimalString } from '../../src-shared/domain/pricing'

const grouped = new Intl.NumberFormat(undefined, { maximumFractionDigits: 20 })

/**
 * A decimal string with the locale's grouping, exactly: Intl formats a numeric string as a
 * decimal, never through a float. Anything that is not a plain decimal is shown as received.
 */
export const formatQuantity = (quantity: DecimalString): string =>
  /^-?\d+(\.\d+)?$/.test(quantity) ? grouped.format(quantity as `${number}`) : quantity

const minute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** A period boundary or reset time: to the minute is exact enough, seconds are noise here. */
export const formatMinute = (iso: string): string => {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : minute.format(date)
}
