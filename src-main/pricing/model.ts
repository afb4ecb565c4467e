import Big from 'big.js'
import { z } from 'zod'
import type { BreakdownRow, Pricing, PricingKind } from '../../src-shared/domain/pricing'

/** The definition of one model, e.g. `PricingOf<'tiered'>` is `TieredPricing`. */
export type PricingOf<K extends PricingKind> = Extract<Pricing, { model: K }>

/** A definition after its schema ran: the fields named in `D` always have a value (their default). */
export type WithDefaults<K extends PricingKind, D extends keyof PricingOf<K>> = PricingOf<K> &
  Required<Pick<PricingOf<K>, D>>

/** The exact, unrounded amount in major units, and how it was reached. */
export type PriceResult = { amount: Big; breakdown: BreakdownRow[] }

/**
 * Everything about one pricing model. `price` accepts the definition with or without defaults
 * applied, so a definition stored before a default existed still prices the same way.
 */
export type PricingModel<K extends PricingKind, D extends keyof PricingOf<K> = never> = {
  kind: K
  schema: z.ZodType<WithDefaults<K, D>, PricingOf<K>>
  /** Pure: no clock, no I/O, no rounding (a line is rounded once, by its caller). */
  price: (quantity: Big, pricing: PricingOf<K>) => PriceResult
}

export const ZERO = new Big(0)

const DECIMAL = /^\d+(\.\d+)?$/

export const isDecimal = (text: string): boolean => DECIMAL.test(text)

export const decimalMessage = 'must be a non-negative decimal number such as "12" or "0.0012"'

const decimalIssue = (text: string): string =>
  /^\s*-/.test(text) ? 'must not be negative' : decimalMessage

// Numbers must arrive as their exact text: a float has already lost digits (0.1 + 0.2).
const decimalText = () =>
  z.string({
    error: (issue) =>
      issue.input === undefined ? 'is required' : 'must be a decimal number written as a string',
  })

/**
 * A non-negative decimal string, `^\d+(\.\d+)?$`. The text is kept exactly as written (no
 * normalizing "0.50" to "0.5"): documents must round-trip unchanged.
 */
export const decimalString = () =>
  decimalText().check((ctx) => {
    if (!isDecimal(ctx.value))
      ctx.issues.push({ code: 'custom', message: decimalIssue(ctx.value), input: ctx.value })
  })

/** A decimal string greater than zero, e.g. a package size. */
export const positiveDecimalString = () =>
  decimalText().check((ctx) => {
    if (!isDecimal(ctx.value))
      ctx.issues.push({ code: 'custom', message: decimalIssue(ctx.value), input: ctx.value })
    else if (new Big(ctx.value).lte(ZERO))
      ctx.issues.push({ code: 'custom', message: 'must be greater than 0', input: ctx.value })
  })

/** The larger of two amounts: quantities below the free units charge nothing, never a credit. */
// Stryker disable next-line EqualityOperator: at zero both choices are zero
export const atLeastZero = (value: Big): Big => (value.lt(ZERO) ? ZERO : value)

/**
 * `a + b`, skipping the addition when `b` is zero (most tiers have no flat amount): the hot path
 * of graduated pricing adds a few of these per quote. big.js keeps coefficients normalized, so
 * zero is the only value whose first digit is 0.
 */
// Stryker disable next-line ConditionalExpression: always adding gives the same sum, only slower
export const plus = (a: Big, b: Big): Big => (b.c[0] === 0 ? a : a.plus(b))
