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

/**
 * Quotes the definition being edited, unsaved, once typing pauses. The server prices it (the same
 * code that bills), and its validation messages come back keyed by the quote's input:
 * `pricing.tiers[1].up_to`, `quantity`, `currency`.
 */
export const usePricingPreview = (live: PreviewInput) => {
  const input = useDebounced(live, debounceMs)
  const enabled = input.quantity.trim() !== ''
  const quote = useQuote(input, enabled)
  const curve = useCurve(
    {
      pricing: input.pricing,
      currency: input.currency,
      rounding: input.rounding,
      upTo: curveLimit(input.quantity),
    },
    enabled,
  )
  const invalid =
    quote.error instanceof ApiError && quote.error.code === 'validation_failed'
      ? quote.error
      : undefined
  const errors: ErrorScope = errorScope(invalid?.fields ?? {})
  return {
    enabled,
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
