import type { Interval, PlanTerms } from '../../src-shared/domain/catalog'
import { parseMajor } from '../../src-shared/money'
import { placeIn } from '../form/server-errors'
import { basePriceProblem } from './plan-form'

/** The new plan dialog as typed: the price in major units, the interval's count as text. */
export type NewPlanForm = {
  id: string
  name: string
  basePrice: string
  terms: { currency: string; interval: { unit: Interval['unit']; count: string } }
}

/** A suggested id from the name ("Pro Annual" → "pro-annual"); the operator may change it. */
export const slugOf = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)

const termsOf = (form: NewPlanForm): PlanTerms => {
  const count = form.terms.interval.count.trim()
  return {
    currency: form.terms.currency.trim(),
    interval: { unit: form.terms.interval.unit, count: /^\d+$/.test(count) ? Number(count) : NaN },
    // Money that does not parse travels as NaN; `newPlanProblems` says why under the field.
    basePriceMinor: parseMajor(form.basePrice, form.terms.currency.trim()) ?? Number.NaN,
    trialDays: 0,
    rounding: 'half_up',
    features: [],
  }
}

export const newPlanInputOf = (form: NewPlanForm) => ({
  id: form.id,
  name: form.name,
  terms: termsOf(form),
})

/** What cannot be converted at all: the price in its currency, the interval's count. */
export const newPlanProblems = (form: NewPlanForm): Record<string, string> => {
  const price = basePriceProblem({
    name: form.name,
    basePrice: form.basePrice,
    terms: termsOf(form),
  })
  return {
    ...(price ? { basePrice: price } : {}),
    ...(/^\d+$/.test(form.terms.interval.count.trim())
      ? {}
      : { 'terms.interval.count': 'must be a whole number' }),
  }
}

export const placeNewPlanError = placeIn(
  [
    'id',
    'name',
    'terms.currency',
    'basePrice',
    'terms.interval.count',
    'terms.interval.unit',
  ] as const,
  { 'terms.basePriceMinor': 'basePrice', 'terms.interval': 'terms.interval.count' },
)
