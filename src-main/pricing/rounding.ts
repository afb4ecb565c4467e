import Big from 'big.js'
import type { RoundingRule } from '../../src-shared/domain/pricing'
import { isCurrency, minorUnitDigits } from '../../src-shared/money'
import { AppError } from '../errors'

// ISO 4217 lookups scan a table; a line is rounded on every quote, so remember each currency.
const digitsByCurrency = new Map<string, number>()

/** A known ISO 4217 code, written as the standard writes it (upper case). */
export const isKnownCurrency = (currency: string): boolean =>
  /^[A-Z]{3}$/.test(currency) && isCurrency(currency)

const digitsOf = (currency: string): number => {
  let digits = digitsByCurrency.get(currency)
  // Stryker disable next-line ConditionalExpression: looking the currency up again gives the same digits
  if (digits === undefined) {
    if (!isKnownCurrency(currency))
      throw new AppError('validation_failed', `Unknown ISO 4217 currency code: ${currency}`, {
        currency: 'must be a known ISO 4217 currency code such as USD, EUR or JPY',
      })
    digits = minorUnitDigits(currency)
    // Stryker disable next-line CallExpression: without the cache each line looks the currency up again
    digitsByCurrency.set(currency, digits)
  }
  return digits
}

// big.js rounds by magnitude (roundUp is away from zero); ceil and floor go towards +∞ and −∞,
// so a negative amount (a credit) swaps them.
const modeOf = (rule: RoundingRule, negative: boolean): Big.RoundingMode => {
  switch (rule) {
    // Stryker disable next-line StringLiteral: big.js's default rounding mode is half-up as well
    case 'half_up':
      return Big.roundHalfUp
    case 'half_even':
      return Big.roundHalfEven
    case 'ceil':
      return negative ? Big.roundDown : Big.roundUp
    case 'floor':
      return negative ? Big.roundUp : Big.roundDown
  }
}

/**
 * Rounds an exact amount in major units once, by `rule`, to the currency's minor unit (JPY 0
 * digits, USD 2, KWD 3) and returns the integer number of minor units. An amount too large to
 * bill is refused under `field`, the input that made it so (a quote names its `quantity`).
 */
export const roundToMinor = (
  amount: Big,
  currency: string,
  rule: RoundingRule,
  field = 'amount',
): number => {
  const digits = digitsOf(currency)
  const rounded = amount.round(digits, modeOf(rule, amount.s === -1))
  const minor = integerOf(rounded, digits)
  if (minor === undefined)
    throw new AppError(
      'validation_failed',
      `The amount ${amount.toFixed()} ${currency} is too large to bill: at most ${Number.MAX_SAFE_INTEGER} minor units fit in one line.`,
      { [field]: 'is too large to bill' },
    )
  return minor
}

/**
 * `value × 10^digits` as an integer, read straight from big.js's documented coefficient
 * (`c`, digits), exponent (`e`) and sign (`s`): on every quote this is several times faster than
 * multiplying and converting through a string. Exact: every partial result is at most the final
 * one, so it stays an integer below 2^53 whenever the answer does; undefined when it does not.
 */
const integerOf = (value: Big, digits: number): number | undefined => {
  const last = value.e + digits
  // 10^16 > Number.MAX_SAFE_INTEGER: more than 16 integer digits can never fit.
  // Stryker disable next-line ConditionalExpression: the MAX_SAFE_INTEGER check refuses these too; this stops early
  if (last > 15) return undefined
  let result = 0
  for (let i = 0; i <= last; i++) result = result * 10 + (value.c[i] ?? 0)
  if (result > Number.MAX_SAFE_INTEGER) return undefined
  // `+ 0` turns a credit that rounds to nothing (-0) into a plain 0.
  return value.s === -1 ? -result + 0 : result
}
