import { formatMinor, isCurrency } from '../../src-shared/money'

/** An amount for display; an unknown currency code is shown beside the raw minor units. */
export const money = (amountMinor: number, currency: string): string =>
  isCurrency(currency) ? formatMinor(amountMinor, currency) : `${amountMinor} ${currency} (minor)`

/** Totals per currency on one line, in code order so the line does not jump between renders. */
export const formatTotals = (totals: Record<string, number>): string => {
  const entries = Object.entries(totals).sort(([a], [b]) => a.localeCompare(b))
  return entries.length === 0 ? '—' : entries.map(([code, minor]) => money(minor, code)).join(' · ')
}
