import Big from 'big.js'
import { z } from 'zod'
import {
  pricingKinds,
  roundingRules,
  type DecimalString,
  type Pricing,
  type PricingKind,
  type Quote,
  type QuoteInput,
} from '../../src-shared/domain/pricing'
import { AppError } from '../errors'
import { validationError } from '../ipc/validation'
import { flatModel } from './flat'
import {
  decimalString,
  isDecimal,
  decimalMessage,
  type PriceResult,
  type PricingModel,
} from './model'
import { graduatedPercentageModel } from './graduated-percentage'
import { packageModel } from './package'
import { percentageModel, priceEvents } from './percentage'
import { isKnownCurrency, roundToMinor } from './rounding'
import { tieredModel } from './tiered'
import { volumeModel } from './volume'

export { roundToMinor } from './rounding'
export type { PriceResult, PricingModel } from './model'

/** Every pricing model by kind: adding a kind to `pricingKinds` without a model is a type error. */
export const models = {
  flat: flatModel,
  tiered: tieredModel,
  volume: volumeModel,
  package: packageModel,
  percentage: percentageModel,
  graduated_percentage: graduatedPercentageModel,
} satisfies { [K in PricingKind]: PricingModel<K> }

const modelMessage = `must be one of ${pricingKinds.join(', ')}`

/**
 * Any pricing definition, chosen by its `model`. Other schemas embed it (a plan's features), so
 * its issues carry their path from the root: `plans[2].features[0].pricing.tiers[1].up_to`.
 */
export const PricingSchema = z.discriminatedUnion(
  'model',
  [
    flatModel.schema,
    tieredModel.schema,
    volumeModel.schema,
    packageModel.schema,
    percentageModel.schema,
    graduatedPercentageModel.schema,
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? modelMessage
        : `must be a pricing definition: an object with a model (${pricingKinds.join(', ')})`,
  },
) satisfies z.ZodType<Pricing, Pricing>

const CurrencySchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
  .refine(isKnownCurrency, 'must be a known ISO 4217 currency code such as USD, EUR or JPY')

const RoundingSchema = z
  .enum(roundingRules, { error: `must be one of ${roundingRules.join(', ')}` })
  .default('half_up')

/**
 * A quote request checked all the way down: a definition and a quantity or the period's event
 * values, never both (the percentage model prices events one by one; every other model prices
 * their sum). `rounding` defaults to half_up.
 */
export const QuoteSchema = z
  .strictObject({
    pricing: PricingSchema,
    quantity: decimalString().optional(),
    events: z
      .array(decimalString(), { error: 'must be a list of event values' })
      .max(1_000_000)
      .optional(),
    currency: CurrencySchema,
    rounding: RoundingSchema,
  })
  .check((ctx) => {
    const { quantity, events } = ctx.value
    if ((quantity === undefined) === (events === undefined))
      ctx.issues.push({
        code: 'custom',
        message: "give either quantity or events (the period's event values), one of them",
        input: ctx.value,
        path: ['quantity'],
      })
  })

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * `{model, definition, ...}` (the definition beside its model, as Lago's API writes a charge) as
 * `{pricing: {model, ...definition}, ...}`, with a function that names an issue's path as the
 * caller wrote it (`definition.rate_percent`, not `pricing.rate_percent`).
 */
const asPricingRequest = (
  input: unknown,
): { request: unknown; pathOf: (path: PropertyKey[]) => PropertyKey[] } => {
  if (!isRecord(input) || 'pricing' in input || !('definition' in input))
    return { request: input, pathOf: (path) => path }
  const { model, definition, ...rest } = input
  return {
    request: { ...rest, pricing: isRecord(definition) ? { ...definition, model } : definition },
    pathOf: ([first, ...path]) =>
      first !== 'pricing'
        ? [...(first === undefined ? [] : [first]), ...path]
        : path[0] === 'model'
          ? ['model']
          : ['definition', ...path],
  }
}

export const CurveSchema = z.strictObject({
  pricing: PricingSchema,
  currency: CurrencySchema,
  rounding: RoundingSchema,
  upTo: decimalString(),
  points: z
    .int({ error: 'must be a whole number of points' })
    .min(2, 'must be at least 2')
    .max(500, 'must be at most 500')
    .default(101),
})
export type CurveInput = z.input<typeof CurveSchema>
export type CurvePoint = { quantity: DecimalString; amount_minor: number }

/** `price` for a quantity already held as a Big (billing computes it): no text round trip. */
export const priceBig = (pricing: Pricing, quantity: Big): PriceResult => {
  switch (pricing.model) {
    case 'flat':
      return flatModel.price(quantity, pricing)
    case 'tiered':
      return tieredModel.price(quantity, pricing)
    case 'volume':
      return volumeModel.price(quantity, pricing)
    case 'package':
      return packageModel.price(quantity, pricing)
    case 'percentage':
      return percentageModel.price(quantity, pricing)
    case 'graduated_percentage':
      return graduatedPercentageModel.price(quantity, pricing)
  }
}

/**
 * The price of a period given its events' values in order: the percentage model prices each
 * event on its own; every other model prices their sum.
 */
export const priceEventValues = (pricing: Pricing, events: readonly Big[]): PriceResult =>
  pricing.model === 'percentage'
    ? priceEvents(events, pricing)
    : priceBig(
        pricing,
        events.reduce((sum, value) => sum.plus(value), new Big(0)),
      )

/**
 * The exact, unrounded price of `quantity` units under an already validated definition (from
 * PricingSchema or the ledger). Only the quantity is checked here, to keep the hot path lean.
 */
export const price = (pricing: Pricing, quantity: DecimalString): PriceResult => {
  if (!isDecimal(quantity))
    throw new AppError('validation_failed', `Invalid quantity "${quantity}": ${decimalMessage}`, {
      quantity: decimalMessage,
    })
  return priceBig(pricing, new Big(quantity))
}

const parse = <S extends z.ZodType>(schema: S, channel: string, input: unknown): z.output<S> => {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const error = validationError(channel, parsed.error)
  throw new AppError(error.code, error.message, error.fields)
}

/**
 * Validates a quote request that arrived as untyped data (the CLI's JSON lines) and prices it.
 * Issues are keyed by path: `pricing.tiers[1].up_to`, `quantity`, `currency`.
 */
export const quoteUnknown = (input: unknown): Quote => {
  const { request, pathOf } = asPricingRequest(input)
  const parsed = QuoteSchema.safeParse(request)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ ...issue, path: pathOf(issue.path) }))
    const error = validationError('pricing:quote', new z.ZodError(issues))
    throw new AppError(error.code, error.message, error.fields)
  }
  const { pricing, quantity, events, currency, rounding } = parsed.data
  const { amount, breakdown } = events
    ? priceEventValues(
        pricing,
        events.map((e) => new Big(e)),
      )
    : // Stryker disable next-line StringLiteral: the schema requires a quantity when events are absent
      priceBig(pricing, new Big(quantity ?? '0'))
  return {
    amount: amount.toFixed(),
    // A line too large to bill is the quantity's fault: say so under the field the caller sent.
    amount_minor: roundToMinor(amount, currency, rounding, 'quantity'),
    currency,
    breakdown,
  }
}

/** A priced line: the exact amount, the amount rounded once to minor units, and the breakdown. */
export const quote = (input: QuoteInput): Quote => quoteUnknown(input)

/**
 * The amount at `points` evenly spaced quantities from 0 to `upTo` inclusive, for plotting a
 * price curve. Steps that do not divide evenly are exact to Big.DP (20) decimal places.
 */
export const curve = (input: CurveInput): CurvePoint[] => {
  const { pricing, currency, rounding, upTo, points } = parse(CurveSchema, 'pricing:curve', input)
  const top = new Big(upTo)
  const steps = points - 1
  return Array.from({ length: points }, (_, i) => {
    const quantity = i === steps ? top : top.times(i).div(steps)
    const { amount } = priceBig(pricing, quantity)
    return {
      quantity: quantity.toFixed(),
      amount_minor: roundToMinor(amount, currency, rounding, 'upTo'),
    }
  })
}
