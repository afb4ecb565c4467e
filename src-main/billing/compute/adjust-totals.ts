import Big from 'big.js'
import type { InvoiceDiscount, InvoiceTotals } from '../../../src-shared/domain/billing'
import { minorUnitDigits } from '../../../src-shared/money'
import { roundToMinor } from '../../pricing'
import { majorOf, sumOf } from './money'
import type { ApplicableDiscount, BillingInput, ComputedLine, TaxRate } from './types'

export type Settlement = {
  discounts: InvoiceDiscount[]
  totals: InvoiceTotals
  tax: TaxRate | null
  notes: string[]
}

/**
 * One discount on what earlier discounts left (`remaining`, never below zero): a percent of it,
 * rounded half-up once, or a fixed amount (minor units, rounded half-up if written with a
 * fraction) capped at it. Discounts are a business's concession, not a plan's price, so they
 * round half-up whatever the plan's rule.
 */
const discountAmount = (
  discount: ApplicableDiscount,
  remaining: number,
  currency: string,
): number => {
  // Stryker disable next-line EqualityOperator: nothing left gives 0 either way (capped at 0)
  if (remaining <= 0) return 0
  const value = new Big(discount.value)
  // Capped before it is rounded: a value stored before the bounds existed (a fixed 1e30) would
  // not fit a number, and would fail every invoice of the customer instead of taking what is left.
  if (value.gte(discount.kind === 'fixed' ? remaining : 100)) return remaining
  const amount =
    discount.kind === 'percent'
      ? roundToMinor(majorOf(remaining, currency).times(value).div(100), currency, 'half_up')
      : roundToMinor(value.div(new Big(10).pow(minorUnitDigits(currency))), currency, 'half_up')
  return Math.min(Math.max(amount, 0), remaining)
}

/**
 * From the lines to the totals: discounts in the order given, then tax on what is left (half-up,
 * once, never on a negative base), then prepaid credit, which pays the taxed amount and never more
 * than it. total = subtotal − discount − credit + tax exactly, as the ledger's CHECK requires.
 */
export const settle = (input: BillingInput, lines: readonly ComputedLine[]): Settlement => {
  const currency = input.customer.currency
  const subtotalMinor = sumOf(lines)
  const discounts: InvoiceDiscount[] = []
  let discountMinor = 0
  for (const discount of input.discounts) {
    const amountMinor = discountAmount(discount, subtotalMinor - discountMinor, currency)
    discountMinor += amountMinor
    discounts.push({ discountId: discount.id, description: discount.description, amountMinor })
  }
  const notes: string[] = []
  const taxable = subtotalMinor - discountMinor
  let taxMinor = 0
  let tax: TaxRate | null = null
  // A region without a rate is the operator's to fix, not the customer's to read: finalizing
  // warns about it (invoices/finalize-warnings.ts) instead of a note on the document.
  if (input.customer.taxExempt) {
    notes.push('Tax exempt: no tax is charged.')
  } else if (input.tax !== null) {
    tax = input.tax
    // Stryker disable next-line EqualityOperator: a base of 0 is taxed 0 either way
    if (taxable > 0)
      taxMinor = roundToMinor(
        majorOf(taxable, currency).times(tax.ratePercent).div(100),
        currency,
        // Stryker disable next-line StringLiteral: an unknown rule rounds by big.js's default, half-up too
        'half_up',
      )
  }
  const payable = Math.max(0, taxable + taxMinor)
  const creditMinor = Math.min(Math.max(0, input.creditBalanceMinor), payable)
  return {
    discounts,
    totals: {
      subtotalMinor,
      discountMinor,
      creditMinor,
      taxMinor,
      totalMinor: subtotalMinor - discountMinor - creditMinor + taxMinor,
    },
    tax,
    notes,
  }
}
