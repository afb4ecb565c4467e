import { invoke } from '../../src-main/ipc/dispatcher'
import { addEvents } from './billing-support'
import { addCustomer, invoicesTestApp, seedDraft, type InvoicesTestApp } from './invoices-support'

/**
 * A 2026 ledger in Los Angeles (UTC−7 until 1 November, UTC−8 after) that the reports tests check
 * by hand. VAT 19% on acme's and initech's invoices, none on globex's; terms 14 days.
 *
 * | invoice | customer | issued (UTC)      | LA day | total      | due   | what happens                        |
 * | 1       | initech  | 2026-08-15 18:00  | 08-15  | USD 23.80  | 08-29 | never paid                          |
 * | 2       | globex   | 2026-09-20 12:00  | 09-20  | EUR 40.00  | 10-04 | never paid                          |
 * | 3       | acme     | 2026-10-15 18:00  | 10-15  | USD 11.90  | 10-29 | never paid                          |
 * | 4       | acme     | 2026-11-01 06:00  | 10-31  | USD 119.00 | 11-14 | Nov 10: credit note USD 23.80       |
 * | 5       | globex   | 2026-11-03 09:00  | 11-03  | EUR 100.00 | 11-17 | paid Nov 3                          |
 * | 6       | acme     | 2026-11-03 09:00  | 11-03  | USD 59.50  | 11-17 | paid Nov 3; Dec 10 refund USD 11.90 |
 * | 7       | initech  | 2026-11-03 09:00  | 11-03  | USD 35.70  | 11-17 | never paid                          |
 * | 8       | acme     | 2026-12-01 05:00  | 11-30  | USD 238.00 | 12-14 | never paid                          |
 * | 9       | acme     | 2026-12-01 09:00  | 12-01  | USD 11.90  | 12-15 | never paid                          |
 *
 * Usage: acme api_calls 1.5 (Nov 5) and 2.25 at 2026-11-30T23:30−08:00 (December 1st in UTC),
 * acme storage_gb 3 (Nov 20), initech api_calls 10 (Nov 10); acme api_calls 7 at 00:00 on
 * December 1st in Los Angeles (December's).
 */
export const reportsLedger = async (options: { ledgerPath?: string } = {}) => {
  const app = await invoicesTestApp({
    now: '2026-08-15T18:00:00.000Z',
    settings: { businessTimeZone: 'America/Los_Angeles', paymentTermsDays: 14 },
    ...(options.ledgerPath ? { ledgerPath: options.ledgerPath } : {}),
  })
  addCustomer(app.db, { externalId: 'initech', name: 'Initech', currency: 'USD', plan: 'starter' })
  const at = (instant: string): void =>
    app.clock.advance(new Date(instant).getTime() - app.clock.now().getTime())
  const issue = async (
    customer: string,
    period: string,
    amountMinor: number,
    tax = true,
  ): Promise<number> => {
    const id = seedDraft(app.db, {
      customer,
      period,
      lines: [{ description: 'Plan', amountMinor, kind: 'base' }],
      ...(tax ? {} : { tax: null }),
    })
    await invoke(app.dispatch, 'invoices:finalize', { id })
    return id
  }
  await issue('initech', '2026-07', 2_000)
  at('2026-09-20T12:00:00.000Z')
  await issue('globex', '2026-08', 4_000, false)
  at('2026-10-15T18:00:00.000Z')
  await issue('acme', '2026-09', 1_000)
  at('2026-11-01T06:00:00.000Z')
  const acmeOctober = await issue('acme', '2026-10', 10_000)
  at('2026-11-03T09:00:00.000Z')
  const globexPaid = await issue('globex', '2026-10', 10_000, false)
  const acmePaid = await issue('acme', '2026-08', 5_000)
  await issue('initech', '2026-10', 3_000)
  await invoke(app.dispatch, 'invoices:mark-paid', { id: globexPaid, note: 'wire' })
  await invoke(app.dispatch, 'invoices:mark-paid', { id: acmePaid, note: 'cheque' })
  at('2026-11-10T17:00:00.000Z')
  await invoke(app.dispatch, 'invoices:credit-note', {
    invoiceId: acmeOctober,
    reason: 'Outage in October',
    lines: [{ description: 'Outage', amountMinor: 2_000 }],
    settlement: 'credit_balance',
  })
  at('2026-12-01T05:00:00.000Z')
  await issue('acme', '2026-11', 20_000)
  at('2026-12-01T09:00:00.000Z')
  await issue('acme', '2026-07', 1_000)
  at('2026-12-10T17:00:00.000Z')
  await invoke(app.dispatch, 'invoices:credit-note', {
    invoiceId: acmePaid,
    reason: 'Overcharged seats',
    lines: [{ description: 'Seats', amountMinor: 1_000 }],
    settlement: 'paid_outside',
  })
  addEvents(app.db, 'acme', [
    ['a1', 'api_calls', '1.5', '2026-11-05T12:00:00.000Z'],
    ['a2', 'api_calls', '2.25', '2026-12-01T07:30:00.000Z'],
    ['a3', 'storage_gb', '3', '2026-11-20T12:00:00.000Z'],
    ['a4', 'api_calls', '7', '2026-12-01T08:00:00.000Z'],
  ])
  addEvents(app.db, 'initech', [['i1', 'api_calls', '10', '2026-11-10T12:00:00.000Z']])
  return app
}

export type ReportsLedger = InvoicesTestApp
