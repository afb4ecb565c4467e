import type { Interval } from '../../src-shared/domain/catalog'

const every: Record<Interval['unit'], string> = { day: 'Daily', month: 'Monthly', year: 'Yearly' }

/** "Monthly", or "Every 3 months". */
export const formatInterval = ({ unit, count }: Interval): string =>
  count === 1 ? every[unit] : `Every ${count} ${unit}s`

// Amounts are formatted in the one formatting module; the catalog screens import it from here.
export { formatMoney } from '../format'

/** Today in the operator's calendar, as `YYYY-MM-DD` (what a date input expects). */
export const todayIso = (): string => {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
