import Big from 'big.js'
import type { BreakdownRow } from '../../../src-shared/domain/pricing'
import { toMajor } from '../../../src-shared/money'
import { formatDayRange } from '../../calendar/periods'
import { chargeFor } from './charge'
import { formatChange } from './describe'
import type { BillingInput, ComputedLine } from './types'

/**
 * Late usage: for an earlier, finalized period whose usage grew (or shrank), one `adjustment`
 * line with the difference re-priced: the period's whole usage priced again as its usage line was
 * (included units, override, the terms then), less what was billed for it. Re-pricing the total,
 * not the late units alone, keeps graduated tiers right: late units continue where the billed
 * ones stopped. The quantity is the usage added; its unit amount is left to the breakdown, as
 * included units and tiers make a single price misleading. The breakdown reconciles: the rows of
 * the re-priced total, then one row taking off what was billed, adding up to the line's amount
 * before its one rounding.
 *
 * Entries whose quantity did not change, and features that never charge, give no line.
 */
export const adjustmentLines = (input: BillingInput): ComputedLine[] => {
  const lines: ComputedLine[] = []
  for (const late of input.late) {
    const added = new Big(late.totalQuantity).minus(late.billedQuantity)
    if (added.eq(0)) continue
    const charge = chargeFor(
      late.feature,
      late.override,
      late.totalQuantity,
      late.terms,
      late.events,
    )
    if (!charge) continue
    const range = formatDayRange(late.period.start, late.period.end, input.timeZone)
    const billed = toMajor(late.billedAmountMinor, late.terms.currency)
    const alreadyBilled: BreakdownRow = {
      label: 'already billed for the period',
      from: '0',
      to: null,
      units: '1',
      unit_amount: new Big(billed).neg().toFixed(),
      flat_amount: '0',
      subtotal: new Big(billed).neg().toFixed(),
    }
    lines.push({
      kind: 'adjustment',
      featureCode: late.feature.code,
      description: `Late usage for ${range}: ${late.feature.name} ${formatChange(added)}`,
      quantity: added.toFixed(),
      unit: late.feature.unit ?? null,
      unitAmount: null,
      amountMinor: charge.amountMinor - late.billedAmountMinor,
      breakdown:
        late.billedAmountMinor === 0 ? charge.breakdown : [...charge.breakdown, alreadyBilled],
      periodStart: late.period.start.toISOString(),
      periodEnd: late.period.end.toISOString(),
    })
  }
  return lines
}
