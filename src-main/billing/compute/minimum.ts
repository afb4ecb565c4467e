import { daysIn } from '../../calendar/periods'
import { formatMoney, planLabel } from './describe'
import { feeUnitAmount, share, sumOf } from './money'
import type { BillingInput, ComputedLine } from './types'

/** What a minimum commitment compares with: the plan's own charges, not corrections or extras. */
const committed = new Set<ComputedLine['kind']>(['base', 'proration', 'usage'])

/**
 * The true-up to the plan's minimum commitment, or null when the charges reach it.
 *
 * The minimum is that of the plan in force at the end of the period (the last span), and it is
 * prorated by billable days like the base fee: a customer billed for 10 of 30 days commits to a
 * third of it, so a start, a trial end or a cancellation mid-period is not charged a full
 * period's minimum for part of one. Rounded once by the plan's rule; whole when the billable days
 * are the whole period.
 */
export const minimumLine = (
  input: BillingInput,
  lines: readonly ComputedLine[],
): ComputedLine | null => {
  const { spans, period, timeZone } = input
  const first = spans[0]
  const last = spans.at(-1)
  const minimum = last?.terms.minimumCommitmentMinor
  if (!first || !last || minimum === undefined || minimum <= 0) return null
  const currency = input.customer.currency
  const periodDays = daysIn(period.start, period.end, timeZone)
  const billableDays = daysIn(first.from, last.to, timeZone)
  const due = share(minimum, billableDays, periodDays, currency, last.terms.rounding)
  const charged = sumOf(lines.filter((line) => committed.has(line.kind)))
  if (charged >= due) return null
  const prorated =
    billableDays === periodDays
      ? ''
      : ` (${formatMoney(minimum, currency)} for ${billableDays} of ${periodDays} days)`
  const amountMinor = due - charged
  return {
    kind: 'minimum',
    featureCode: null,
    description:
      `Minimum commitment true-up: charges of ${formatMoney(charged, currency)} are below ` +
      `the ${planLabel(last, spans)} minimum of ${formatMoney(due, currency)}${prorated}`,
    quantity: '1',
    unit: null,
    unitAmount: feeUnitAmount(amountMinor, currency),
    amountMinor,
    breakdown: [],
    periodStart: period.start.toISOString(),
    periodEnd: period.end.toISOString(),
  }
}
