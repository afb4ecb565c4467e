import Big from 'big.js'
import { z } from 'zod'
import type { BreakdownRow, Tier } from '../../src-shared/domain/pricing'
import { decimalString, plus, positiveDecimalString, ZERO } from './model'
import { wholePackages } from './package'

/**
 * One tier as written; `up_to` null means no upper limit. Shared by graduated and volume. A tier
 * prices per unit, or per started block of `block_size` units (Kill Bill's blocks).
 */
export const TierSchema = z
  .strictObject({
    up_to: decimalString().nullable(),
    unit_amount: decimalString().optional(),
    flat_amount: decimalString().optional(),
    block_size: positiveDecimalString().optional(),
    block_amount: decimalString().optional(),
  })
  .check((ctx) => {
    const { unit_amount, block_size, block_amount } = ctx.value
    const blocks = block_size !== undefined || block_amount !== undefined
    const report = (path: string, message: string) =>
      ctx.issues.push({ code: 'custom', message, input: ctx.value, path: [path] })
    if (blocks && unit_amount !== undefined)
      report('unit_amount', 'a tier prices per unit or per block, not both: remove one')
    else if (blocks && block_size === undefined)
      report('block_size', 'is required with block_amount')
    else if (blocks && block_amount === undefined)
      report('block_amount', 'is required with block_size')
    else if (!blocks && unit_amount === undefined) report('unit_amount', 'is required')
  }) satisfies z.ZodType<Tier, Tier>

type Bound = { text: string; value: Big }

/**
 * Bounds are cumulative and inclusive, so the only ways to get them wrong are a bound that does
 * not grow (a duplicate or a step back) or an open tier before the last. A bounded last tier is
 * accepted: a quantity past it is priced at the last tier, as Kill Bill's catalogs do. Each issue
 * names the tier's `up_to`, and "must be greater than" quotes the bound as written.
 */
const checkBounds = (tiers: readonly Tier[], report: (index: number, message: string) => void) => {
  const last = tiers.length - 1
  let previous: Bound = { text: '0', value: ZERO }
  tiers.forEach((tier, index) => {
    const bound = tier.up_to
    if (bound === null) {
      if (index < last)
        report(index, 'only the last tier may be open (null); give this tier an upper bound')
      return
    }
    // zod runs this check only when every tier parsed, so each bound is a decimal here.
    const value = new Big(bound)
    if (value.lte(previous.value)) report(index, `must be greater than ${previous.text}`)
    else previous = { text: bound, value }
  })
}

export const TiersSchema = z
  .array(TierSchema, { error: 'must be a list of tiers' })
  .min(1, 'must have at least one tier')
  .check((ctx) => {
    checkBounds(ctx.value, (index, message) =>
      ctx.issues.push({ code: 'custom', message, input: ctx.value, path: [index, 'up_to'] }),
    )
  })

/** A tier with its decimals parsed once, and what a fully used tier adds, computed once. */
export type ParsedTier = {
  /** 1-based, as people count tiers. */
  number: number
  tier: Tier
  /** The previous tier's bound (0 for the first): the tier covers (from, upTo]. */
  from: Big
  fromText: string
  upTo: Big | null
  unit: Big
  /** A block tier's block size and price; null for a tier priced per unit. */
  block: { size: Big; amount: Big } | null
  flat: Big
  /** The amount of every earlier tier used in full, flat amounts included. */
  before: Big
  /** This tier's breakdown row when used in full; null for the open last tier. */
  fullRow: BreakdownRow | null
}

const parse = (tiers: readonly Tier[]): ParsedTier[] => {
  let from = ZERO
  let fromText = '0'
  let before = ZERO
  return tiers.map((given, index) => {
    // A copy: the caller may edit its definition later; the cached rows must not change with it.
    const tier: Tier = { ...given }
    const number = index + 1
    const unit = new Big(tier.unit_amount ?? '0')
    const block =
      tier.block_size === undefined
        ? null
        : { size: new Big(tier.block_size), amount: new Big(tier.block_amount ?? '0') }
    const flat = tier.flat_amount === undefined ? ZERO : new Big(tier.flat_amount)
    const parsed: ParsedTier = {
      number,
      tier,
      from,
      fromText,
      upTo: null,
      unit,
      block,
      flat,
      before,
      fullRow: null,
    }
    if (tier.up_to !== null) {
      const upTo = new Big(tier.up_to)
      const units = upTo.minus(from)
      const subtotal = tierCost(parsed, units)
      parsed.upTo = upTo
      parsed.fullRow = tierRow(number, tier, fromText, units, subtotal)
      from = upTo
      fromText = tier.up_to
      before = before.plus(subtotal)
    }
    return parsed
  })
}

/** Started blocks are charged in full: 1,001 units in blocks of 1,000 are 2 blocks. */
export const blocksOf = (units: Big, size: Big): Big => {
  const whole = wholePackages(units, size)
  return whole.times(size).lt(units) ? whole.plus(1) : whole
}

/** What `units` in the tier cost: per unit or per started block, plus the tier's flat amount. */
export const tierCost = (tier: Pick<ParsedTier, 'unit' | 'block' | 'flat'>, units: Big): Big => {
  const variable = tier.block
    ? blocksOf(units, tier.block.size).times(tier.block.amount)
    : units.times(tier.unit)
  return plus(variable, tier.flat)
}

/** A tier's row; for a block tier `units` are the blocks charged, at `unit_amount` a block. */
export const tierRow = (
  number: number,
  tier: Tier,
  from: string,
  units: Big,
  subtotal: Big,
): BreakdownRow => ({
  tier: number,
  from,
  to: tier.up_to,
  ...(tier.block_size === undefined
    ? { units: units.toFixed(), unit_amount: tier.unit_amount ?? '0' }
    : {
        block_size: tier.block_size,
        units: blocksOf(units, new Big(tier.block_size)).toFixed(),
        unit_amount: tier.block_amount ?? '0',
      }),
  flat_amount: tier.flat_amount ?? '0',
  subtotal: subtotal.toFixed(),
})

// Parsing decimals costs more than pricing with them, and a plan's tiers are priced over and over
// (every usage line of every invoice), so each distinct set of tiers is parsed once. The lookup
// by array is free; the one by text serves definitions validated again (each quote() call).
const byArray = new WeakMap<readonly Tier[], ParsedTier[]>()
const byText = new Map<string, ParsedTier[]>()
// Plans have a handful of tier sets; the bound only guards against endless distinct input.
const TEXT_LIMIT = 10_000

const keyOf = (tiers: readonly Tier[]): string => {
  // Stryker disable next-line StringLiteral: any fixed start gives the same distinct keys
  let key = ''
  for (const t of tiers)
    // Stryker disable next-line StringLiteral: a fixed stand-in for an absent field, never a decimal
    key += `${t.up_to} ${t.unit_amount ?? ''} ${t.flat_amount ?? ''} ${t.block_size ?? ''} ${t.block_amount ?? ''};`
  return key
}

const sameTier = (a: Tier, b: Tier): boolean =>
  a.up_to === b.up_to &&
  a.unit_amount === b.unit_amount &&
  a.flat_amount === b.flat_amount &&
  a.block_size === b.block_size &&
  a.block_amount === b.block_amount

// A definition edited in place must not be priced by its old text. A tier removed leaves `now`
// undefined; a tier added makes the list longer than its parse.
const isCurrent = (tiers: readonly Tier[], parsed: readonly ParsedTier[]): boolean =>
  tiers.length <= parsed.length &&
  parsed.every((then, i) => {
    const now = tiers[i]
    return now !== undefined && sameTier(now, then.tier)
  })

/** The tiers as Big numbers with their running totals, parsed once per distinct text. */
export const parsedTiers = (tiers: readonly Tier[]): ParsedTier[] => {
  const known = byArray.get(tiers)
  if (known && isCurrent(tiers, known)) return known
  const key = keyOf(tiers)
  let parsed = byText.get(key)
  if (!parsed) {
    if (byText.size >= TEXT_LIMIT) byText.clear()
    parsed = parse(tiers)
    byText.set(key, parsed)
  }
  byArray.set(tiers, parsed)
  return parsed
}

/**
 * The tier a quantity falls in: the first whose bound it does not exceed (zero: the first). Past
 * a bounded last tier, the last tier: "if we pass the maximum of the last tier, we price all
 * units at the last tier" (Kill Bill).
 */
export const tierOf = (quantity: Big, tiers: readonly ParsedTier[]): ParsedTier => {
  for (const tier of tiers) if (tier.upTo === null || quantity.lte(tier.upTo)) return tier
  const last = tiers[tiers.length - 1]
  // The schema requires at least one tier.
  if (!last) throw new Error('No tiers')
  return last
}
