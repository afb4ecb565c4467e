import Big from 'big.js'
import type { DecimalString } from '../../../src-shared/domain/pricing'
import { formatMinor } from '../../../src-shared/money'
import type { PlanSpan } from './types'

/**
 * Words and numbers for line descriptions and notes. They are stored on the invoice, so they are
 * built the same way on every machine: en-US grouping, whatever the operator's locale.
 */

/** "12500.5" → "12,500.5", "-1200" → "−1,200": by string, so no digit is ever lost to a float. */
export const formatQuantity = (quantity: DecimalString | Big): string => {
  // Most quantities are already written plainly (no exponent, no needless zeros): skip big.js's
  // parse and print for them.
  const text =
    typeof quantity === 'string' && /^(0|[1-9]\d*)(\.\d*[1-9])?$/.test(quantity)
      ? quantity
      : new Big(quantity).toFixed()
  const negative = text.startsWith('-')
  const [whole = '0', fraction] = (negative ? text.slice(1) : text).split('.')
  return `${negative ? '−' : ''}${grouped(whole)}${fraction === undefined ? '' : `.${fraction}`}`
}

/** "1234567" → "1,234,567": by slices (a run formats a few quantities per invoice line). */
const grouped = (whole: string): string => {
  let out = whole.slice(0, whole.length % 3 || 3)
  for (let at = out.length; at < whole.length; at += 3) out += `,${whole.slice(at, at + 3)}`
  return out
}

/** A quantity change with its sign: "+1,200", "−300". */
export const formatChange = (quantity: Big): string =>
  quantity.s < 0 ? formatQuantity(quantity) : `+${formatQuantity(quantity)}`

/** "$34.00", "KWD 10.000": ICU's no-break spaces become plain ones, as stored text should be. */
export const formatMoney = (amountMinor: number, currency: string): string =>
  formatMinor(amountMinor, currency, 'en-US').replace(/\s/g, ' ')

/**
 * A plan as an invoice names it. Two spans of the same plan (a move to a newer version) would read
 * alike, so then the version is named too.
 */
export const planLabel = (span: PlanSpan, spans: readonly PlanSpan[]): string =>
  spans.some((other) => other.planId === span.planId && other.version !== span.version)
    ? `${span.planName} (version ${span.version})`
    : span.planName
