import Big from 'big.js'
import type { Overage } from '../../src-shared/domain/upcoming-invoice'
import { applyOverride } from '../entitlements/apply-override'
import type { BillingInput, ComputedInvoice } from './compute'

/**
 * What each feature used beyond its allowance (a usage feature's included units, a soft quota's
 * limit, as the customer's contract sets them) costs: the feature's usage line, which prices
 * exactly those units at the customer's own price. Features within their allowance are left out.
 */
export const overagesOf = (input: BillingInput, invoice: ComputedInvoice): Overage[] => {
  const overages: Overage[] = []
  for (const line of invoice.lines) {
    if (line.kind !== 'usage' || line.featureCode === null) continue
    const code = line.featureCode
    const feature = [...input.spans]
      .reverse()
      .flatMap((span) => span.terms.features)
      .find((f) => f.code === code)
    if (!feature) continue
    const f = applyOverride(
      feature,
      input.customer.overrides.find((o) => o.code === code),
    )
    const allowance =
      f.type === 'usage' ? (f.includedUnits ?? '0') : f.type === 'quota' ? f.limit : null
    if (allowance === null) continue
    const over = new Big(input.usage[code] ?? '0').minus(allowance)
    if (over.gt(0))
      overages.push({ code, overUnits: over.toFixed(), amountMinor: line.amountMinor })
  }
  return overages
}
