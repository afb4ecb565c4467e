import { formatMoney } from '../format'

/** An amount for display; an unknown currency code is shown beside the raw minor units. */
export const money = (amountMinor: number, currency: string): string =>
  formatMoney(amountMinor, currency)

/** Totals per currency on one line, in code order so the line does not jump between renders. */
export const formatTotals = (totals: Record<string, number>): string => {
  const entries = Object.entries(totals).sort(([a], [b]) => a.localeCompare(b))
  return entries.length === 0 ? '—' : entries.map(([code, minor]) => money(minor, code)).join(' · ')
}
