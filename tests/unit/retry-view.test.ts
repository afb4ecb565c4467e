import { describe, expect, it } from 'vitest'
import { readRetryView, toFailureQuery, writeRetryView } from '../../src-renderer/retries/view'

const view = (search: string) => readRetryView(new URLSearchParams(search))

describe('the retry queue’s amount filter is per currency', () => {
  it('a minimum amount without a chosen currency is in the default currency, and keeps to it', () => {
    expect(toFailureQuery(view('minAmount=200'), 'USD')).toMatchObject({
      minAmountMinor: 20_000,
      currency: 'USD',
    })
  })

  it('a chosen currency sets the amount’s minor units (JPY has none) and filters alone', () => {
    expect(toFailureQuery(view('minAmount=200&currency=JPY'), 'USD')).toMatchObject({
      minAmountMinor: 200,
      currency: 'JPY',
    })
    const euros = toFailureQuery(view('currency=EUR'), 'USD')
    expect(euros).toMatchObject({ currency: 'EUR' })
    expect(euros.minAmountMinor).toBeUndefined()
  })

  it('keeps the currency in the URL and ignores a hand-mangled one', () => {
    expect(writeRetryView(view('currency=EUR')).toString()).toBe('currency=EUR')
    expect(view('currency=eur%27').currency).toBe('')
  })
})
