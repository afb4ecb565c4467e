import Big from 'big.js'
import { z } from 'zod'

/**
 * The business bounds on money, in one place: the contract's schemas, the invoice calculation,
 * draft editing, finalization and the credit ledger all read them from here (and migration 0019
 * repeats the figure in the ledger's triggers).
 *
 * 10^13 minor units (100 billion dollars in cents, 10 trillion yen) is far past any real line,
 * invoice or prepaid balance, and about 900 times below 2^53: amounts and sums of such amounts
 * stay exact integers in a JavaScript number, where past 2^53 a total silently differs from
 * the sum of its parts.
 */
export const MAX_AMOUNT_MINOR = 10_000_000_000_000

/** The largest quantity a line added by hand can carry. */
export const MAX_LINE_QUANTITY = 1_000_000_000

/**
 * The largest unit amount of a line added by hand, in major units: 10^13 minor units of a
 * currency without decimals. Whether quantity × unit amount fits a line depends on the
 * currency's exponent, so the service checks the line's minor units exactly (`lineWithinBound`).
 */
export const MAX_UNIT_AMOUNT = 10_000_000_000_000

/** An amount in minor units within the bound: a safe integer of at most 10^13 either way. */
export const withinBound = (amountMinor: number | bigint): boolean =>
  typeof amountMinor === 'bigint'
    ? amountMinor <= BigInt(MAX_AMOUNT_MINOR) && amountMinor >= -BigInt(MAX_AMOUNT_MINOR)
    : Number.isSafeInteger(amountMinor) && Math.abs(amountMinor) <= MAX_AMOUNT_MINOR

/** The exact sum of minor amounts, whatever their size: what totals are compared with. */
export const exactSum = (amounts: readonly number[]): bigint =>
  amounts.reduce((sum, amount) => sum + BigInt(amount), 0n)

/** The bound in words for messages: "10,000,000,000,000 minor units". */
export const boundText = `${MAX_AMOUNT_MINOR.toLocaleString('en-US')} minor units`

/**
 * Plain decimal text, with no exponent, short enough for big.js to read at once; how large a
 * value may be is said by the bound checked after it, in words.
 */
const decimal = (signed: boolean) => new RegExp(`^${signed ? '-?' : ''}\\d{1,40}(\\.\\d{1,40})?$`)

const atMost = (text: string, max: number): boolean => new Big(text).abs().lte(max)

/** A positive amount in minor units within the bound (a credit grant, a credit note line). */
export const PositiveMinorSchema = z
  .int('must be a whole number of minor units')
  .min(1, 'must be more than zero')
  .max(MAX_AMOUNT_MINOR, `must be at most ${boundText}`)

/** A manual line's quantity: a non-negative decimal of at most MAX_LINE_QUANTITY. */
export const LineQuantitySchema = z
  .string()
  .regex(decimal(false), 'must be a decimal number such as 2 or 1.5')
  .refine((q) => atMost(q, MAX_LINE_QUANTITY), {
    message: `must be at most ${MAX_LINE_QUANTITY.toLocaleString('en-US')}`,
  })

/**
 * A manual line's unit amount in major units. A negative one makes the line a reduction (a
 * credit on the invoice), the only place a line added by hand may be negative.
 */
export const UnitAmountSchema = z
  .string()
  .regex(decimal(true), 'must be an amount such as 12.50')
  .refine((u) => atMost(u, MAX_UNIT_AMOUNT), {
    message: `must be at most ${MAX_UNIT_AMOUNT.toLocaleString('en-US')}`,
  })

/** quantity × unit amount fits a line in a currency without decimals, the loosest case. */
export const productWithinBound = (quantity: string, unitAmount: string): boolean =>
  new Big(quantity).times(unitAmount).abs().lte(MAX_AMOUNT_MINOR)

/**
 * A percent discount within 0–100, compared exactly: as a float, "100.0000000000000001" reads as
 * 100. (Zero is refused by the service, which says why.)
 */
export const isPercent = (value: string): boolean => {
  const v = new Big(value)
  return v.gte(0) && v.lte(100)
}

/** A fixed discount: minor units as a decimal string, within the bound. */
export const isFixedWithinBound = (value: string): boolean => new Big(value).lte(MAX_AMOUNT_MINOR)

/** Decimal text a discount value is written in (no sign: discounts are never negative). */
export const discountValuePattern = decimal(false)
