import type { RunItem } from '../../../src-shared/domain/billing'
import { formatMoney } from '../../../src-shared/money'

const billedOutcomes = new Set<RunItem['outcome']>(['created', 'updated', 'unchanged'])

/** The periods a run billed, per subscription, oldest first: what `--json` reports. */
export const billedJson = (items: readonly RunItem[]) => {
  const bySubscription = new Map<
    number,
    { customer_id: string; subscription_id: number; periods: unknown[] }
  >()
  for (const item of items) {
    if (!billedOutcomes.has(item.outcome)) continue
    const entry = bySubscription.get(item.subscriptionId) ?? {
      customer_id: item.customerId,
      subscription_id: item.subscriptionId,
      periods: [],
    }
    bySubscription.set(item.subscriptionId, entry)
    entry.periods.push({
      period: item.period,
      period_start: item.periodStart,
      period_end: item.periodEnd,
      outcome: item.outcome,
      invoice_id: item.invoiceId,
      total_minor: item.totalMinor,
      currency: item.currency,
    })
  }
  return [...bySubscription.values()]
}

/** The periods that could not be billed, each with its reason. */
export const unbilledJson = (items: readonly RunItem[]) =>
  items
    .filter((i) => i.outcome === 'failed')
    .map((i) => ({
      customer_id: i.customerId,
      subscription_id: i.subscriptionId,
      period: i.period,
      period_start: i.periodStart || null,
      reason: i.reason,
    }))

/** Lines for people: the periods billed (the first `limit`), then every period unbilled. */
export const periodLines = (items: readonly RunItem[], limit = 20): string[] => {
  const billed = items.filter((i) => billedOutcomes.has(i.outcome))
  return [
    ...billed
      .slice(0, limit)
      .map(
        (i) =>
          `  billed: ${i.customerId} ${i.period ?? ''} (${i.outcome}) ${formatMoney(i.totalMinor, i.currency)}`,
      ),
    ...(billed.length > limit ? [`  ... and ${billed.length - limit} more periods billed`] : []),
    ...items
      .filter((i) => i.outcome === 'failed')
      .map((i) => `  unbilled: ${i.customerId} ${i.period ?? '(no period)'}: ${i.reason ?? ''}`),
  ]
}
