import type { Pricing, RoundingRule } from '../../src-shared/domain/pricing'
import { ApiError } from '../api'
import { errorScope, type ErrorScope } from './field-errors'
import { useCurve, useQuote } from './queries'
import { useDebounced } from './use-debounced'

type PreviewInput = {
  pricing: Pricing
  currency: string
  rounding: RoundingRule
  /** Decimal string, as typed. */
  quantity: string
}

const debounceMs = 250
const minCurveLimit = 10
const maxCurveLimit = 1e15

/**
 * How far the chart reaches: twice the previewed quantity, at least 10. A float is fine here
 * because this only sets the range of an axis; nothing is priced with it.
 */
export const curveLimit = (quantity: string): string => {
  const value = Number(quantity)
  if (!Number.isFinite(value) || value <= 0) return String(minCurveLimit)
  return String(Math.min(Math.max(Math.ceil(value * 2), minCurveLimit), maxCurveLimit))
}

/** "10, 80 10000" → ["10", "80", "10000"]: the transactions a percentage preview prices. */
export const eventValues = (text: string): string[] =>
  text.split(/[\s,;]+/).filter((value) => value !== '')

// Only an axis range: the sum of the values as a float is fine here, nothing is priced with it.
const totalOf = (values: string[]): string => String(values.reduce((sum, v) => sum + Number(v), 0))

/**
 * Quotes the definition being edited, unsaved, once typing pauses. A percentage definition prices
 * each transaction on its own, so its preview quantity is a list of transaction values. The server prices it (the same
 * code that bills), and its validation messages come back keyed by the quote's input:
 * `pricing.tiers[1].up_to`, `quantity`, `currency`.
 */
export const usePricingPreview = (live: PreviewInput) => {
  const input = useDebounced(live, debounceMs)
  const enabled = input.quantity.trim() !== ''
  const byEvents = input.pricing.model === 'percentage'
  const { pricing, currency, rounding, quantity } = input
  const events = byEvents ? eventValues(quantity) : []
  const quote = useQuote(
    byEvents ? { pricing, currency, rounding, events } : { pricing, currency, rounding, quantity },
    enabled,
  )
  const curve = useCurve(
    { pricing, currency, rounding, upTo: curveLimit(byEvents ? totalOf(events) : quantity) },
    enabled,
  )
  const invalid =
    quote.error instanceof ApiError && quote.error.code === 'validation_failed'
      ? quote.error
      : undefined
  const errors: ErrorScope = errorScope(invalid?.fields ?? {})
  return {
    enabled,
    /** The quantity field holds transaction values (percentage), not one quantity. */
    byEvents,
    quote,
    curve,
    errors,
    /** A failure that is not about the input (the server is down): shown as a whole. */
    failure: quote.isError && !invalid ? quote.error : undefined,
    /** The figures on screen are for an older definition than the one being edited. */
    stale: JSON.stringify(live) !== JSON.stringify(input) || quote.isPlaceholderData,
  }
}

export type PricingPreviewState = ReturnType<typeof usePricingPreview>
