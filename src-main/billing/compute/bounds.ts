import type { InvoiceTotals } from '../../../src-shared/domain/billing'
import { formatMinor } from '../../../src-shared/money'
import { boundText, exactSum, withinBound } from '../../../src-shared/money-bounds'
import { AppError } from '../../errors'
import type { BillingInput, ComputedInvoice } from './types'

const totalNames: Record<keyof InvoiceTotals, string> = {
  subtotalMinor: 'subtotal',
  discountMinor: 'discount',
  creditMinor: 'credit',
  taxMinor: 'tax',
  totalMinor: 'total',
}

/**
 * Refuses an invoice with a line or a total past the business bound, or whose totals are not
 * exactly the sum of their parts (compared as BigInt, so no rounding of a large sum can hide a
 * difference). Thrown before anything is written: the billing run reports the subscription as
 * failed with this message and bills the others.
 */
export const checkBounds = (input: BillingInput, computed: ComputedInvoice): void => {
  const { currency, externalId } = input.customer
  const refuse = (why: string): never => {
    throw new AppError(
      'conflict',
      `The invoice of ${externalId} for ${input.period.key} cannot be written: ${why}.`,
    )
  }
  const money = (minor: number): string =>
    Number.isSafeInteger(minor) ? formatMinor(minor, currency, 'en-US') : String(minor)
  for (const line of computed.lines)
    if (!withinBound(line.amountMinor))
      refuse(`the line "${line.description}" is ${money(line.amountMinor)}, past ${boundText}`)
  const t = computed.totals
  for (const key of Object.keys(totalNames) as (keyof InvoiceTotals)[])
    if (!withinBound(t[key]))
      refuse(`its ${totalNames[key]} of ${money(t[key])} is past ${boundText}`)
  if (exactSum(computed.lines.map((l) => l.amountMinor)) !== BigInt(t.subtotalMinor))
    refuse('its subtotal is not the sum of its lines')
  if (exactSum(computed.discounts.map((d) => d.amountMinor)) !== BigInt(t.discountMinor))
    refuse('its discount is not the sum of its discounts')
  if (
    exactSum([t.subtotalMinor, -t.discountMinor, -t.creditMinor, t.taxMinor]) !==
    BigInt(t.totalMinor)
  )
    refuse('its total is not subtotal − discount − credit + tax')
}
