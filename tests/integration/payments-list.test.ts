import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { closePayments, finalized, paymentsTestApp, type PaymentsTestApp } from './payments-support'

let app: PaymentsTestApp
beforeEach(async () => {
  app = await paymentsTestApp()
})
afterEach(() => closePayments(app))

/**
 * Acme's USD 119.00 collected through Stripe, then USD 11.90 of it refunded through Stripe;
 * Globex's EUR 238.00 marked paid outside Meterbook.
 */
const seed = async (): Promise<{ acme: number; globex: number }> => {
  const acme = await finalized(app, 'acme', 10_000)
  await invoke(app.dispatch, 'payments:push', { invoiceIds: [acme] })
  await invoke(app.dispatch, 'retries:process', {})
  await invoke(app.dispatch, 'invoices:credit-note', {
    invoiceId: acme,
    reason: 'Goodwill',
    lines: [{ description: 'Goodwill', amountMinor: 1_000 }],
    settlement: 'stripe_refund',
  })
  await invoke(app.dispatch, 'retries:process', {})
  app.clock.advance(60_000)
  const globex = await finalized(app, 'globex', 20_000)
  await invoke(app.dispatch, 'invoices:mark-paid', { id: globex, note: 'Bank transfer' })
  return { acme, globex }
}

describe('the payments list: payments received and refunds', () => {
  it('lists each payment and refund with its method and Stripe id, totals the exact sum per currency', async () => {
    const { acme, globex } = await seed()
    const page = await invoke(app.dispatch, 'payments:list', {})
    expect(page.total).toBe(3)
    expect(page.totals).toEqual({ USD: 11_900 - 1_190, EUR: 23_800 })
    const intent = app.fake.charges[0]?.paymentIntent
    const refund = [...app.fake.refunds.keys()][0]
    expect(
      page.movements.map((m) => [m.kind, m.invoiceId, m.amountMinor, m.method, m.stripeId]),
    ).toEqual([
      // Newest first: Globex paid a minute after the refund; the payment and its refund.
      ['payment', globex, 23_800, 'outside', null],
      ['refund', acme, -1_190, 'stripe', refund],
      ['payment', acme, 11_900, 'stripe', intent],
    ])
    for (const [currency, total] of Object.entries(page.totals)) {
      const rows = page.movements.filter((m) => m.currency === currency)
      expect(rows.reduce((sum, m) => sum + m.amountMinor, 0)).toBe(total)
    }
  })

  it('filters by kind, method and customer, and sorts by amount either way', async () => {
    const { acme, globex } = await seed()
    const refunds = await invoke(app.dispatch, 'payments:list', { kind: 'refund' })
    expect(refunds).toMatchObject({ total: 1, totals: { USD: -1_190 } })
    const outside = await invoke(app.dispatch, 'payments:list', { method: 'outside' })
    expect(outside.movements.map((m) => m.invoiceId)).toEqual([globex])
    const ofAcme = await invoke(app.dispatch, 'payments:list', { customer: 'acme' })
    expect(ofAcme.totals).toEqual({ USD: 10_710 })
    const up = await invoke(app.dispatch, 'payments:list', {
      sort: { field: 'amount', direction: 'asc' },
    })
    expect(up.movements.map((m) => [m.invoiceId, m.amountMinor])).toEqual([
      [acme, -1_190],
      [acme, 11_900],
      [globex, 23_800],
    ])
    const down = await invoke(app.dispatch, 'payments:list', {
      sort: { field: 'amount', direction: 'desc' },
      limit: 1,
      offset: 1,
    })
    expect(down.movements.map((m) => m.amountMinor)).toEqual([11_900])
  })
})
