import type { Coupon, CouponInput } from '../../src-shared/domain/coupons'
import { formatMoney, parseMajor } from '../../src-shared/money'

// The new-coupon dialog as typed, and how it becomes the channel's input.

export type CouponForm = {
  code: string
  name: string
  kind: Coupon['kind']
  percentOff: string
  /** The amount off in one currency, typed in major units (the CLI takes several). */
  currency: string
  amount: string
  duration: Coupon['duration']
  periods: string
  maxRedemptions: string
  expiresOn: string
  /** Plan ids separated by commas; empty: every plan. */
  plans: string
}

export const emptyCouponForm: CouponForm = {
  code: '',
  name: '',
  kind: 'percent',
  percentOff: '',
  currency: 'USD',
  amount: '',
  duration: 'once',
  periods: '3',
  maxRedemptions: '',
  expiresOn: '',
  plans: '',
}

const wholeOrNull = (text: string): number | null =>
  text.trim() === '' ? null : Number(text.trim())

const minorOf = (form: CouponForm): number | undefined => {
  try {
    return parseMajor(form.amount, form.currency.trim().toUpperCase())
  } catch {
    // An unknown currency code: the schema names it.
    return undefined
  }
}

/** Amounts typed in major units go out as minor units, exactly (parseMajor). */
export const couponInputOf = (form: CouponForm): CouponInput => ({
  code: form.code,
  name: form.name,
  percentOff: form.kind === 'percent' ? form.percentOff.trim() : null,
  amountsOff:
    form.kind === 'amount'
      ? [{ currency: form.currency.trim().toUpperCase(), amountMinor: minorOf(form) ?? Number.NaN }]
      : [],
  duration: form.duration,
  periods: form.duration === 'repeating' ? Number(form.periods.trim() || Number.NaN) : null,
  maxRedemptions: wholeOrNull(form.maxRedemptions),
  expiresOn: form.expiresOn === '' ? null : form.expiresOn,
  plans: form.plans
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== ''),
})

export const couponProblems = (form: CouponForm): Record<string, string> =>
  form.kind === 'amount' && minorOf(form) === undefined
    ? { amount: `An amount in ${form.currency || 'the currency'} such as 10.00` }
    : {}

/** "20 % off", or "$10.00 / €9.00 off". */
export const offLabel = (coupon: Coupon): string =>
  coupon.percentOff !== null
    ? `${coupon.percentOff} % off`
    : `${coupon.amountsOff.map((a) => formatMoney(a.amountMinor, a.currency)).join(' / ')} off`

export const durationLabel = (coupon: Pick<Coupon, 'duration' | 'periods'>): string => {
  switch (coupon.duration) {
    case 'once':
      return 'Once'
    case 'repeating':
      return `${coupon.periods ?? '?'} periods`
    case 'forever':
      return 'Forever'
  }
}

export const totalsLabel = (totals: Coupon['discounted']): string =>
  totals.length === 0 ? '—' : totals.map((t) => formatMoney(t.amountMinor, t.currency)).join(', ')
