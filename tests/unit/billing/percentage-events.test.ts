import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import { chargeFor } from '../../../src-main/billing/compute/charge'
import { eventsBeyond, priceEventsOf } from '../../../src-main/billing/compute/event-charge'
import type { PlanFeature } from '../../../src-shared/domain/catalog'

const usd = { currency: 'USD', rounding: 'half_up' } as const

// A soft quota of 50 whose overage is charged 1% plus 1.00 per event.
const payouts: PlanFeature = {
  code: 'payouts',
  name: 'Payouts',
  type: 'quota',
  limit: '50',
  enforcement: 'soft',
  pricing: { model: 'percentage', rate_percent: '1', fixed_amount_per_event: '1' },
}

describe('percentage events after included units', () => {
  it('drops events wholly included, exactly at the boundary too, and keeps the rest of the one crossing', () => {
    const left = (deducted: string) =>
      eventsBeyond(['10', '80', '10000'], new Big(deducted)).map((v) => v.toFixed())
    expect(left('0')).toEqual(['10', '80', '10000'])
    expect(left('50')).toEqual(['40', '10000'])
    expect(left('90')).toEqual(['10000'])
    expect(left('10090')).toEqual([])
  })

  it('prices a soft quota’s overage event by event: 40 and 10,000 over the limit of 50 charge 102.40', () => {
    const charge = chargeFor(payouts, undefined, '10090', usd, ['10', '80', '10000'])
    // 0.40 + 1.00 + 100.00 + 1.00; the total priced as one event would be 100.40 + 1.00.
    expect(charge).toMatchObject({ amountMinor: 10240, unitAmount: null })
    expect(charge?.quantity.toFixed()).toBe('10040')
    expect(charge?.description).toBe(
      'Payouts: 10,090 used, 10,040 over the quota of 50, 2 events at 1%',
    )
  })

  it('charges nothing within the quota, whatever the events', () => {
    expect(chargeFor(payouts, undefined, '40', usd, ['10', '30'])).toMatchObject({
      amountMinor: 0,
    })
  })

  it('counts the events priced in the description: one event in the singular, thousands grouped', () => {
    const pricing = { model: 'percentage', rate_percent: '2.5' } as const
    const detail = (events: string[], deducted: string) =>
      priceEventsOf(pricing, events, new Big(deducted)).detail
    expect(detail(['100', '300'], '150')).toBe(', 1 event at 2.5%')
    expect(detail(['100', '300'], '0')).toBe(', 2 events at 2.5%')
    expect(detail(Array<string>(1200).fill('1'), '0')).toBe(', 1,200 events at 2.5%')
  })
})
