import { describe, expect, it } from 'vitest'
import { BillingScheduler } from '../../src-main/scheduler/scheduler'
import { scheduledWork } from '../../src-main/scheduler/scheduled-work'
import { invoke } from '../../src-main/ipc/dispatcher'
import { addEvents, billingTestApp, type BillingTestApp } from './billing-support'

// acme: Starter (USD 19.00 a month, 10,000 calls included, then 0.002) from 2026-10-01, anchor 1;
// globex: the yearly Business plan, whose first period has not ended. The clock: 2026-11-15.
const DAY = 86_400_000

/** The app ran the October slot, then stayed closed until 15 February 2027. */
const closedUntilFebruary = async (app: BillingTestApp): Promise<void> => {
  await invoke(app.dispatch, 'settings:update', {
    billingSchedule: { enabled: true, dayOfMonth: 1, time: '02:00' },
  })
  app.db
    .prepare(
      `INSERT INTO schedule_state (name, last_slot, last_run_id, updated_at)
       VALUES ('billing', '2026-10-01T02:00:00.000Z', NULL, '2026-10-01T02:00:00.000Z')`,
    )
    .run()
  app.clock.advance(92 * DAY)
}

const invoices = (app: BillingTestApp) =>
  app.db
    .prepare('SELECT id, period, subtotal_minor AS subtotal FROM invoice ORDER BY id')
    .all() as { id: number; period: string; subtotal: number }[]

describe('catching up ended periods', () => {
  it('bills every ended period missed while the app was closed, oldest first, and reports each', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', [
      ['oct', 'api_calls', '20000', '2026-10-03T10:00:00Z'],
      ['dec', 'api_calls', '30000', '2026-12-03T10:00:00Z'],
    ])
    await closedUntilFebruary(app)
    const notices: string[] = []
    const scheduler = new BillingScheduler({
      db: app.db,
      now: app.clock.now,
      inTurn: app.dispatch.inTurn,
      work: () => scheduledWork(app.db, app.events, app.clock.now),
      notify: (title, body) => notices.push(`${title}: ${body}`),
      logError: (_m, error) => app.errors.push(error),
    })
    await scheduler.tick()
    expect(app.errors).toEqual([])
    // October: 19.00 + 10,000 × 0.002 = 39.00; December: 19.00 + 20,000 × 0.002 = 59.00.
    expect(invoices(app).map((i) => [i.period, i.subtotal])).toEqual([
      ['2026-10', 3900],
      ['2026-11', 1900],
      ['2026-12', 5900],
      ['2027-01', 1900],
    ])
    const { runs } = await invoke(app.dispatch, 'billing:runs', {})
    const run = await invoke(app.dispatch, 'billing:run-get', { id: runs[0]?.id ?? '' })
    expect(run).toMatchObject({ invoices: 4, created: 4, failed: 0, totals: { USD: 13600 } })
    expect(
      run.items
        .filter((i) => i.customerId === 'acme')
        .map((i) => [i.period, i.outcome, i.totalMinor]),
    ).toEqual([
      ['2026-10', 'created', 3900],
      ['2026-11', 'created', 1900],
      ['2026-12', 'created', 5900],
      ['2027-01', 'created', 1900],
    ])
    expect(notices[0]).toMatch(/^Billing run finished: 4 invoices drafted \(4 new/)

    // Run again: drafts are looked at again and left as they are; nothing is billed twice.
    const again = await invoke(app.dispatch, 'billing:run', {})
    expect(invoices(app)).toHaveLength(4)
    expect(again).toMatchObject({ created: 0, updated: 0, failed: 0 })
    expect(
      again.items.filter((i) => i.customerId === 'acme').map((i) => [i.period, i.outcome]),
    ).toEqual([
      ['2026-10', 'unchanged'],
      ['2026-11', 'unchanged'],
      ['2026-12', 'unchanged'],
      ['2027-01', 'unchanged'],
    ])
    // Once finalized, a period is no longer billed at all: only the latest is reported.
    app.db
      .prepare(
        `UPDATE invoice SET status = 'finalized', number = 'MB-' || id WHERE period < '2027-01'`,
      )
      .run()
    const third = await invoke(app.dispatch, 'billing:run', {})
    expect(third.items.filter((i) => i.customerId === 'acme').map((i) => i.period)).toEqual([
      '2027-01',
    ])
  })

  it('applies a once-only discount to the oldest caught-up period alone', async () => {
    const app = await billingTestApp()
    await invoke(app.dispatch, 'discounts:create', {
      externalId: 'acme',
      description: 'Welcome',
      kind: 'fixed',
      value: '500',
      duration: 'once',
      startsWith: '2026-10',
    })
    app.clock.advance(60 * DAY)
    await invoke(app.dispatch, 'billing:run', {})
    // Each period is computed once the one before it is written, so November sees October's use.
    expect(
      app.db
        .prepare('SELECT period, discount_minor, total_minor FROM invoice ORDER BY period')
        .raw()
        .all(),
    ).toEqual([
      ['2026-10', 500, 1400],
      ['2026-11', 0, 1900],
      ['2026-12', 0, 1900],
    ])
  })

  it('still bills the month asked for alone', async () => {
    const app = await billingTestApp()
    app.clock.advance(92 * DAY)
    const result = await invoke(app.dispatch, 'billing:run', { period: '2026-12' })
    expect(invoices(app).map((i) => i.period)).toEqual(['2026-12'])
    expect(result.items.find((i) => i.customerId === 'acme')?.period).toBe('2026-12')
  })

  it('lists a period that cannot be billed as unbilled, with its reason, and bills the others', async () => {
    const app = await billingTestApp()
    await invoke(app.dispatch, 'catalog:import', {
      text: [
        "version: 'eur'",
        'effectiveDate: 2026-01-01',
        'plans:',
        '  - id: starter-eur',
        '    name: Starter EUR',
        '    currency: EUR',
        '    basePrice: 17.00',
        '    features: []',
      ].join('\n'),
    })
    // acme moved to a plan priced in euros on 15 November: that period has plans in two currencies.
    app.db
      .prepare(
        `INSERT INTO subscription_change (subscription_id, effective_at, from_plan_id,
           from_version, to_plan_id, to_version, operator, at)
         SELECT s.id, '2026-11-15T00:00:00.000Z', 'starter', 1, 'starter-eur', 1, 'tester',
           '2026-11-15T00:00:00.000Z'
         FROM subscription s JOIN customer c ON c.id = s.customer_id WHERE c.external_id = 'acme'`,
      )
      .run()
    app.db
      .prepare(
        `UPDATE subscription SET plan_id = 'starter-eur' WHERE customer_id =
           (SELECT id FROM customer WHERE external_id = 'acme')`,
      )
      .run()
    app.clock.advance(60 * DAY)
    const result = await invoke(app.dispatch, 'billing:run', {})
    const acme = result.items.filter((i) => i.customerId === 'acme')
    expect(acme.map((i) => [i.period, i.outcome])).toEqual([
      ['2026-10', 'created'],
      ['2026-11', 'failed'],
      ['2026-12', 'created'],
    ])
    expect(acme[1]?.reason).toBe('Customer acme is billed in EUR, but Starter is priced in USD.')
    expect(invoices(app).map((i) => [i.period, i.subtotal])).toEqual([
      ['2026-10', 1900],
      ['2026-12', 1700],
    ])
    // The next run tries the unbilled period again; it stays unbilled until its cause is fixed.
    const again = await invoke(app.dispatch, 'billing:run', {})
    expect(
      again.items.filter((i) => i.customerId === 'acme').map((i) => [i.period, i.outcome]),
    ).toEqual([
      ['2026-10', 'unchanged'],
      ['2026-11', 'failed'],
      ['2026-12', 'unchanged'],
    ])
    expect(invoices(app)).toHaveLength(2)
  })
})
