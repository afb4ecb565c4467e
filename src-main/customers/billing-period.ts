const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month + 1, 0)).getUTCDate()

/** The anchor day in a month, clamped to the month's length (the 31st is Feb 28 or 29). */
const anchorIn = (year: number, month: number, anchorDay: number): Date =>
  new Date(Date.UTC(year, month, Math.min(anchorDay, daysInMonth(year, month))))

/**
 * The monthly billing period holding `at`, [start, end), starting on the customer's anchor day
 * (UTC midnight). Billing runs refine this with the business time zone and plan intervals.
 */
export const monthlyPeriodAt = (anchorDay: number, at: Date): { start: Date; end: Date } => {
  const year = at.getUTCFullYear()
  const month = at.getUTCMonth()
  let start = anchorIn(year, month, anchorDay)
  if (start.getTime() > at.getTime()) start = anchorIn(year, month - 1, anchorDay)
  const end = anchorIn(start.getUTCFullYear(), start.getUTCMonth() + 1, anchorDay)
  return { start, end }
}
