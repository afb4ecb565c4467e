import type { PlanFeature } from '../../../src-shared/domain/catalog'
import { chargeFor } from './charge'
import type { BillingInput, ComputedLine, PlanSpan } from './types'

/**
 * The features to bill, each with the span whose terms price it: the last span's features (the
 * plan in force at the end of the period), then any feature only an earlier plan had, priced by
 * the latest span that had it, so usage before a plan change that dropped it is not lost.
 */
const featuresToBill = (spans: readonly PlanSpan[]): { feature: PlanFeature; span: PlanSpan }[] => {
  const chosen = new Map<string, { feature: PlanFeature; span: PlanSpan }>()
  for (const span of [...spans].reverse())
    for (const feature of span.terms.features)
      if (!chosen.has(feature.code)) chosen.set(feature.code, { feature, span })
  return [...chosen.values()]
}

/**
 * One line per metered feature: usage features, and soft quotas with a price. A feature with no
 * usage still gets its line (usually 0), so the invoice shows every meter the plan has and the
 * ledger records the quantity billed, which late usage is later compared with.
 */
export const usageLines = (input: BillingInput): ComputedLine[] => {
  const { period, customer } = input
  const lines: ComputedLine[] = []
  const periodStart = period.start.toISOString()
  const periodEnd = period.end.toISOString()
  for (const { feature, span } of featuresToBill(input.spans)) {
    const override = customer.overrides.find((o) => o.code === feature.code)
    const used = input.usage[feature.code] ?? '0'
    const charge = chargeFor(
      feature,
      override,
      used,
      {
        currency: customer.currency,
        rounding: span.terms.rounding,
      },
      input.events?.[feature.code],
    )
    if (!charge) continue
    lines.push({
      kind: 'usage',
      featureCode: feature.code,
      description: charge.description,
      quantity: charge.quantity.toFixed(),
      unit: charge.unit ?? feature.unit ?? null,
      unitAmount: charge.unitAmount,
      amountMinor: charge.amountMinor,
      breakdown: charge.breakdown,
      periodStart,
      periodEnd,
    })
  }
  return lines
}
