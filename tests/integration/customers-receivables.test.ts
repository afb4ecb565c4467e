import { describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { addEvents, billingTestApp } from './billing-support'
import { addCustomer } from './usage-support'

const DAY = 86_400_000

describe("a customer's receivables", () => {
  it('counts open invoices less credit notes, overdue once past the due day, theirs alone', async () => {
    const app = await billingTestApp()
    addCustomer(app.db, 'initech', 'starter')
    // acme: base 19.00 + (150,000 − 10,000 included) calls = 279.00; initech: the base 19.00.
    addEvents(app.db, 'acme', [
      ['e1', 'api_calls', '100000', '2026-10-03T10:00:00Z'],
      ['e2', 'api_calls', '50000', '2026-10-20T10:00:00Z'],
    ])
    await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    const { invoices } = await invoke(app.dispatch, 'invoices:list', { limit: 10 })
    for (const invoice of invoices)
      await invoke(app.dispatch, 'invoices:finalize', { id: invoice.id })
    const acme = invoices.find((i) => i.customerId === 'acme')
    expect(acme?.totalMinor).toBe(27900)
    await invoke(app.dispatch, 'invoices:credit-note', {
      invoiceId: acme?.id ?? 0,
      reason: 'Outage',
      lines: [{ description: 'Service credit', amountMinor: 1000 }],
      settlement: 'credit_balance',
    })
    const receivables = () => invoke(app.dispatch, 'customers:receivables', { externalId: 'acme' })
    // Finalized on 15 November with 14 days' terms: due on the 29th, not yet overdue.
    expect(await receivables()).toEqual([
      { currency: 'USD', owedMinor: 26900, owedInvoices: 1, overdueMinor: 0, overdueInvoices: 0 },
    ])
    app.clock.advance(15 * DAY)
    expect(await receivables()).toEqual([
      {
        currency: 'USD',
        owedMinor: 26900,
        owedInvoices: 1,
        overdueMinor: 26900,
        overdueInvoices: 1,
      },
    ])
  })
})
