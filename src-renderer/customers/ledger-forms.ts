import type { Discount } from '../../src-shared/domain/billing'
import { parseMajor } from '../../src-shared/money'

// The credit and discount dialogs as typed, and how each becomes its channel's input.

export type CreditForm = {
  kind: 'grant' | 'refund'
  amount: string
  expiresOn: string
  note: string
}

/** The contract's input; an amount that does not parse goes as NaN, which the schema rejects. */
export const creditInputOf = (externalId: string, currency: string, form: CreditForm) => ({
  externalId,
  kind: form.kind,
  amountMinor: parseMajor(form.amount, currency) ?? Number.NaN,
  expiresOn: form.kind === 'grant' && form.expiresOn ? form.expiresOn : null,
  note: form.note.trim(),
})

/** Money that does not parse in the currency: the schema would only see a missing amount. */
export const creditProblems = (form: CreditForm, currency: string): Record<string, string> =>
  parseMajor(form.amount, currency) === undefined
    ? { amount: `An amount in ${currency} such as 25.00` }
    : {}

export type DiscountForm = {
  description: string
  kind: Discount['kind']
  value: string
  duration: Discount['duration']
  periods: string
  startsWith: string
}

/** A fixed amount typed in major units goes out as minor units, exactly (parseMajor). */
export const discountInputOf = (externalId: string, currency: string, form: DiscountForm) => {
  const fixedMinor = form.kind === 'fixed' ? parseMajor(form.value, currency) : undefined
  return {
    externalId,
    description: form.description.trim(),
    kind: form.kind,
    value:
      form.kind === 'fixed'
        ? fixedMinor === undefined
          ? ''
          : String(fixedMinor)
        : form.value.trim(),
    duration: form.duration,
    periods: form.duration === 'repeating' ? Number(form.periods.trim() || Number.NaN) : null,
    startsWith: form.startsWith,
  }
}

export const discountProblems = (form: DiscountForm, currency: string): Record<string, string> => ({
  ...(form.kind === 'fixed' && parseMajor(form.value, currency) === undefined
    ? { value: `An amount in ${currency} such as 10.00` }
    : {}),
  ...(form.duration === 'repeating' && !/^\d+$/.test(form.periods.trim())
    ? { periods: 'A whole number' }
    : {}),
})
