import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { frozenClock, testApp } from '../support/test-app'
import { addEvents, invoicesOf, linesOf } from './billing-support'

const template = readFileSync(
  new URL('../fixtures/pricing-config-v2.yaml', import.meta.url),
  'utf8',
)

const apps: Awaited<ReturnType<typeof testApp>>[] = []
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()))
})

type App = Awaited<ReturnType<typeof testApp>>

const templateApp = async (text = template): Promise<App> => {
  const app = await testApp({ clock: frozenClock('2024-07-15T12:00:00.000Z') })
  apps.push(app)
  await invoke(app.dispatch, 'catalog:import', { text })
  return app
}

const subscribe = (
  app: App,
  externalId: string,
  planId: string,
  extra: { taxRegion?: string; overrides?: unknown[] } = {},
) =>
  invoke(app.dispatch, 'customers:save', {
    externalId,
    name: externalId.toUpperCase(),
    ...(extra.taxRegion ? { taxRegion: extra.taxRegion } : {}),
    ...(extra.overrides ? { overrides: extra.overrides as never[] } : {}),
    subscription: { planId, startDate: '2024-06-01', billingAnchorDay: 1 },
  })

describe('billing plans imported from the template', () => {
  it('lists a custom-contract subscriber without a contract as unbilled, with the reason, not a $0 invoice', async () => {
    const app = await templateApp()
    await subscribe(app, 'bigco', 'enterprise')
    const run = await invoke(app.dispatch, 'billing:run', { period: '2024-06' })
    expect(run.items).toEqual([
      expect.objectContaining({
        customerId: 'bigco',
        outcome: 'skipped',
        reason:
          'needs a contract: the plan is priced per customer (customContract) and this customer has no contract terms (overrides) yet',
      }),
    ])
    expect(invoicesOf(app.ledger.db)).toEqual([])
  })

  it("prices a custom-contract subscriber's metrics by its own contract, which the plan leaves at zero", async () => {
    const app = await templateApp()
    await subscribe(app, 'bigco', 'enterprise', {
      overrides: [
        {
          code: 'api_calls',
          includedUnits: '1000',
          pricing: { model: 'flat', unit_amount: '0.0021', free_units: '0' },
        },
      ],
    })
    addEvents(app.ledger.db, 'bigco', [
      ['e1', 'api_calls', '2000', '2024-06-03T10:00:00Z'],
      ['e2', 'api_calls', '1333', '2024-06-20T10:00:00Z'],
      ['e3', 'storage_gb', '40', '2024-06-20T10:00:00Z'],
    ])
    await invoke(app.dispatch, 'billing:run', { period: '2024-06' })
    const [invoice] = invoicesOf(app.ledger.db)
    // 3,333 − 1,000 included = 2,333 × 0.0021 = 4.8993, rounded up (roundingRule "ceil") to 4.90;
    // storage_gb has no contract price: 0.
    expect(invoice?.subtotal_minor).toBe(490)
    const usage = linesOf(app.ledger.db, invoice?.id ?? 0).filter((l) => l.kind === 'usage')
    expect(usage.map((l) => [l.feature_code, l.quantity, l.amount_minor])).toEqual([
      ['api_calls', '2333', 490],
      ['seats', '0', 0],
      ['storage_gb', '40', 0],
    ])
  })

  it('taxes at the default rate, and not at all in an exempt region even where it has a rate', async () => {
    const app = await templateApp(template.replace('defaultRate: 0.0', 'defaultRate: 0.08'))
    await invoke(app.dispatch, 'settings:update', {
      taxRates: [{ region: 'US-DE', name: 'Delaware', ratePercent: '5' }],
    })
    await subscribe(app, 'ny', 'starter', { taxRegion: 'US-NY' })
    await subscribe(app, 'de', 'starter', { taxRegion: 'US-DE' })
    await invoke(app.dispatch, 'billing:run', { period: '2024-06' })
    const invoices = invoicesOf(app.ledger.db)
    // Starter's base fee, 29.00; 8 % of it is 2.32 in New York (no rate of its own); Delaware exempt.
    expect(invoices.map((i) => [i.subtotal_minor, i.tax_minor, i.total_minor])).toEqual([
      [2900, 232, 3132],
      [2900, 0, 2900],
    ])
  })
})
