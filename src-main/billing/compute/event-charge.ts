import Big from 'big.js'
import type { DecimalString, PercentagePricing } from '../../../src-shared/domain/pricing'
import { priceEvents } from '../../pricing/percentage'
import { formatQuantity } from './describe'

const ZERO = new Big(0)

/**
 * The events left to price once the first `deducted` units (a usage feature's included units, a
 * soft quota's limit) are taken off, in event order: the total is reduced the same way, so the
 * line's quantity is still usage minus included. An event wholly covered drops out (it pays no
 * fixed fee); the one that crosses keeps the part beyond.
 */
export const eventsBeyond = (events: readonly DecimalString[], deducted: Big): Big[] => {
  let left = deducted
  const beyond: Big[] = []
  for (const text of events) {
    const value = new Big(text)
    if (left.gte(value)) {
      left = left.minus(value)
      continue
    }
    beyond.push(value.minus(left))
    left = ZERO
  }
  return beyond
}

/**
 * A percentage feature priced event by event, as `quote` prices an event list: the exact amount,
 * the breakdown rows (percentage, fixed fees, limits' adjustment) and what the line's description
 * adds ("3 events at 1%").
 */
export const priceEventsOf = (
  pricing: PercentagePricing,
  events: readonly DecimalString[],
  deducted: Big,
) => {
  const values = eventsBeyond(events, deducted)
  const { amount, breakdown } = priceEvents(values, pricing)
  const count = values.length === 1 ? '1 event' : `${formatQuantity(String(values.length))} events`
  return { amount, breakdown, detail: `, ${count} at ${pricing.rate_percent}%` }
}
