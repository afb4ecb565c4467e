import type { DecimalString } from '../../src-shared/domain/pricing'
import type { WhatIfRow } from '../../src-shared/domain/what-if'
import { formatMoney, formatQuantity, type Where } from '../format'

/** "+$19.80", "−$20.00", "$0.00": a difference reads with its sign. */
export const signedMoney = (minor: number, currency: string, where: Where = {}): string =>
  `${minor > 0 ? '+' : ''}${formatMoney(minor, currency, where)}`

/** "+37.3 %"; "—" when there was nothing billed to compare with. */
export const signedPercent = (percent: DecimalString | null, where: Where = {}): string =>
  percent === null
    ? '—'
    : `${percent.startsWith('-') || percent === '0.0' ? '' : '+'}${formatQuantity(percent, where)} %`

export type SortKey = 'customer' | 'difference' | 'percent'
export type Sort = { key: SortKey; direction: 'asc' | 'desc' }

const percentValue = (row: WhatIfRow): number | null =>
  // Only to order the rows: the figure shown is the decimal string itself.
  row.differencePercent === null ? null : Number(row.differencePercent)

/** The rows in the order asked; rows without a difference (not billed, not comparable) last. */
export const sortRows = (rows: readonly WhatIfRow[], sort: Sort): WhatIfRow[] => {
  const sign = sort.direction === 'asc' ? 1 : -1
  const valueOf = (row: WhatIfRow): number | null =>
    sort.key === 'difference' ? row.differenceMinor : percentValue(row)
  return [...rows].sort((a, b) => {
    if (sort.key === 'customer') return sign * a.customerName.localeCompare(b.customerName)
    const x = valueOf(a)
    const y = valueOf(b)
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1
    return sign * (x - y) || a.customerName.localeCompare(b.customerName)
  })
}

/** Who would pay most more and most less, at most `count` of each. */
export const extremes = (rows: readonly WhatIfRow[], count = 3) => {
  const compared = rows.filter((r) => r.differenceMinor !== null)
  const byDifference = sortRows(compared, { key: 'difference', direction: 'desc' })
  return {
    payMore: byDifference.filter((r) => (r.differenceMinor ?? 0) > 0).slice(0, count),
    payLess: byDifference
      .filter((r) => (r.differenceMinor ?? 0) < 0)
      .reverse()
      .slice(0, count),
  }
}
