import { daysIn, formatDay } from '../../calendar/periods'
import { planLabel } from './describe'
import type { BillingInput, ComputedLine } from './types'

/**
 * Short sentences saying why the invoice reads as it does: a trial that ended, a start or a
 * cancellation inside the period, plan changes, a minimum commitment's true-up.
 */
export const periodNotes = (input: BillingInput, lines: readonly ComputedLine[]): string[] => {
  const { period, spans, timeZone } = input
  const first = spans[0]
  const last = spans.at(-1)
  if (!first || !last) return ['Nothing in this period is billable: it was all in the trial.']
  const periodDays = daysIn(period.start, period.end, timeZone)
  const billed = `${daysIn(first.from, last.to, timeZone)} of ${periodDays} days`
  const notes: string[] = []
  if (input.trialEndedAt !== null)
    notes.push(
      `The trial ended on ${formatDay(input.trialEndedAt, timeZone)}: billing starts that day.`,
    )
  else if (first.from.getTime() > period.start.getTime())
    notes.push(
      `The subscription started on ${formatDay(first.from, timeZone)}: the base fee is prorated by day.`,
    )
  for (let i = 1; i < spans.length; i++) {
    const before = spans[i - 1]
    const after = spans[i]
    if (!before || !after) continue
    notes.push(
      `The plan changed from ${planLabel(before, spans)} to ${planLabel(after, spans)} on ` +
        `${formatDay(after.from, timeZone)}: unused time on ${planLabel(before, spans)} is ` +
        `credited and ${planLabel(after, spans)} is charged for its days.`,
    )
  }
  if (last.to.getTime() < period.end.getTime())
    notes.push(
      `The subscription was canceled on ${formatDay(last.to, timeZone)}: this is its final ` +
        'invoice, and the day of cancellation is not charged.',
    )
  if (first.from.getTime() > period.start.getTime() || last.to.getTime() < period.end.getTime())
    notes.push(`Billed for ${billed}.`)
  if (lines.some((line) => line.kind === 'minimum'))
    notes.push(
      "Charges were below the plan's minimum commitment: a true-up line makes up the difference.",
    )
  return notes
}
