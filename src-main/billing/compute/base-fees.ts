import { daysIn, formatDayRange } from '../../calendar/periods'
import { planLabel } from './describe'
import { feeUnitAmount, share } from './money'
import type { BillingInput, ComputedLine, PlanSpan } from './types'

/**
 * Base fee lines, one or two per plan span.
 *
 * Days are calendar days in the business time zone, D the days of the whole period. The last
 * span (the plan in force at the end) is charged for its own days: base × d / D, rounded once by
 * the plan's rule, the full fee when it covers the period. That one line covers a start mid-period,
 * a trial ending mid-period and an immediate cancellation alike.
 *
 * A span the subscription left by a plan change is shown as a customer sees it on a statement:
 * charged from its start to the period's end (the full fee when it began with the period), then a
 * negative `proration` line crediting the unused days from the change to the period's end.
 *
 * A plan with no base fee, and a span of no whole day (two changes on one day), bill nothing.
 */
export const baseFeeLines = (input: BillingInput): ComputedLine[] => {
  const { period, spans, timeZone } = input
  const currency = input.customer.currency
  const periodDays = daysIn(period.start, period.end, timeZone)
  const fee = (
    kind: 'base' | 'proration',
    description: string,
    amountMinor: number,
  ): ComputedLine => ({
    kind,
    featureCode: null,
    description,
    quantity: '1',
    unit: null,
    unitAmount: feeUnitAmount(amountMinor, currency),
    amountMinor,
    breakdown: [],
    periodStart: period.start.toISOString(),
    periodEnd: period.end.toISOString(),
  })
  const daysText = (days: number): string =>
    days === periodDays ? '' : ` (${days} of ${periodDays} days)`
  const charge = (span: PlanSpan, to: Date): ComputedLine => {
    const days = daysIn(span.from, to, timeZone)
    const amount = share(span.terms.basePriceMinor, days, periodDays, currency, span.terms.rounding)
    const range = formatDayRange(span.from, to, timeZone)
    return fee('base', `${planLabel(span, spans)} base fee, ${range}${daysText(days)}`, amount)
  }

  const lines: ComputedLine[] = []
  spans.forEach((span, i) => {
    const { basePriceMinor, rounding } = span.terms
    if (basePriceMinor === 0 || daysIn(span.from, span.to, timeZone) === 0) return
    if (i === spans.length - 1) {
      lines.push(charge(span, span.to))
      return
    }
    lines.push(charge(span, period.end))
    const unused = daysIn(span.to, period.end, timeZone)
    // The rule rounds the signed credit, as the pricing engine rounds a negative amount.
    const credit = share(-basePriceMinor, unused, periodDays, currency, rounding)
    const range = formatDayRange(span.to, period.end, timeZone)
    lines.push(
      fee(
        'proration',
        `Unused time on ${planLabel(span, spans)}, ${range} (${unused} of ${periodDays} days)`,
        credit,
      ),
    )
  })
  return lines
}
