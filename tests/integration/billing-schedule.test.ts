import { describe, expect, it } from 'vitest'
import {
  BillingScheduler,
  latestSlot,
  nextSlot,
  type SchedulerDeps,
} from '../../src-main/scheduler/scheduler'
import { runBilling } from '../../src-main/billing/run'
import { scheduledWork } from '../../src-main/scheduler/scheduled-work'
import { appendCreditEntry } from '../../src-main/credits/credit-ledger'
import { invoke } from '../../src-main/ipc/dispatcher'
import { defaultSettings } from '../../src-shared/domain/settings'
import { addEvents, billingTestApp, invoicesOf, type BillingTestApp } from './billing-support'

const schedule = { enabled: true, dayOfMonth: 1, time: '02:00' }

/** The app last ran on the October slot; it was closed on 1 November at 02:00. */
const lastRanOnOctoberSlot = (app: BillingTestApp): void => {
  app.db
    .prepare(
      `INSERT INTO schedule_state (name, last_slot, last_run_id, updated_at)
       VALUES ('billing', '2026-10-01T02:00:00.000Z', NULL, '2026-10-01T02:00:00.000Z')`,
    )
    .run()
}

/** A scheduler on the test app's clock and write turn; notices and errors are recorded. */
const schedulerOn = (
  app: BillingTestApp,
  notices: string[],
  work: SchedulerDeps['work'],
): BillingScheduler =>
  new BillingScheduler({
    db: app.db,
    now: app.clock.now,
    inTurn: app.dispatch.inTurn,
    work,
    notify: (title, body) => notices.push(`${title}: ${body}`),
    logError: (_m, error) => app.errors.push(error),
  })

describe('the billing schedule', () => {
  it('lays its slots in the business time zone', () => {
    const settings = {
      ...defaultSettings,
      businessTimeZone: 'Europe/Berlin',
      billingSchedule: schedule,
    }
    // 02:00 in Berlin on 1 November (CET, UTC+1) is 01:00 UTC; on 1 October (CEST) 00:00 UTC.
    expect(latestSlot(settings, new Date('2026-11-15T12:00:00Z'))?.toISOString()).toBe(
      '2026-11-01T01:00:00.000Z',
    )
    expect(latestSlot(settings, new Date('2026-10-31T12:00:00Z'))?.toISOString()).toBe(
      '2026-10-01T00:00:00.000Z',
    )
    expect(nextSlot(settings, new Date('2026-11-15T12:00:00Z'))?.toISOString()).toBe(
      '2026-12-01T01:00:00.000Z',
    )
  })

  it('catches up a run missed while the app was closed, once, and says so', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', [['e1', 'api_calls', '20000', '2026-10-03T10:00:00Z']])
    await invoke(app.dispatch, 'settings:update', { billingSchedule: schedule })
    lastRanOnOctoberSlot(app)
    const notices: string[] = []
    const scheduler = schedulerOn(app, notices, () =>
      runBilling(app.db, {
        dryRun: false,
        trigger: 'schedule',
        operator: 'scheduler',
        now: app.clock.now,
      }),
    )
    await scheduler.tick()
    const runs = await invoke(app.dispatch, 'billing:runs', {})
    expect(runs.runs).toHaveLength(1)
    expect(runs.runs[0]).toMatchObject({ trigger: 'schedule', operator: 'scheduler', invoices: 1 })
    expect(invoicesOf(app.db)).toHaveLength(1)
    expect(notices).toEqual([expect.stringMatching(/^Billing run finished: 1 invoices drafted/)])
    const status = await invoke(app.dispatch, 'billing:schedule', {})
    expect(status).toMatchObject({
      enabled: true,
      lastSlot: '2026-11-01T02:00:00.000Z',
      lastRunId: runs.runs[0]?.id,
      next: '2026-12-01T02:00:00.000Z',
    })

    // Later the same month: nothing more to do.
    app.clock.advance(3_600_000)
    await scheduler.tick()
    expect((await invoke(app.dispatch, 'billing:runs', {})).total).toBe(1)
    expect(app.errors).toEqual([])
  })

  it('does not bill at once when a schedule is first switched on', async () => {
    const app = await billingTestApp()
    await invoke(app.dispatch, 'settings:update', { billingSchedule: schedule })
    let ran = 0
    const scheduler = schedulerOn(app, [], () => {
      ran += 1
      return runBilling(app.db, {
        dryRun: true,
        trigger: 'schedule',
        operator: 's',
        now: app.clock.now,
      })
    })
    await scheduler.tick()
    expect(ran).toBe(0)
    // The next slot comes: it runs.
    app.clock.advance(17 * 86_400_000)
    await scheduler.tick()
    expect(ran).toBe(1)
  })

  it('at a slot, finalizes drafts past their grace period and then bills the due periods', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', [
      ['e1', 'api_calls', '20000', '2026-10-03T10:00:00Z'],
      ['e2', 'api_calls', '30000', '2026-11-03T10:00:00Z'],
    ])
    await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    // Three weeks later the October draft is past the default three days of grace.
    app.clock.advance(21 * 86_400_000)
    const result = await scheduledWork(app.db, app.events, app.clock.now)
    expect(result).toMatchObject({ trigger: 'schedule', operator: 'scheduler', created: 1 })
    const invoices = app.db
      .prepare('SELECT period, status, number FROM invoice ORDER BY period')
      .all()
    expect(invoices).toEqual([
      { period: '2026-10', status: 'finalized', number: 'MB-2026-000001' },
      { period: '2026-11', status: 'draft', number: null },
    ])
    expect(result.unfinalized).toEqual([])
    // Usage before the finalized period's end is late from now on.
    expect(app.db.prepare('SELECT billed_through FROM subscription').pluck().get()).toBe(
      '2026-11-01T00:00:00.000Z',
    )
  })

  it('says which drafts past their grace period could not be finalized, and why', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', [['e1', 'api_calls', '20000', '2026-10-03T10:00:00Z']])
    const acme = app.db.prepare("SELECT id FROM customer WHERE external_id = 'acme'").pluck().get()
    const credit = (kind: 'grant' | 'refund', amountMinor: number) =>
      appendCreditEntry(app.db, {
        customerId: Number(acme),
        currency: 'USD',
        kind,
        amountMinor,
        at: app.clock.now().toISOString(),
        operator: 'tester',
      })
    // The October draft uses $10.00 of credit, which is then refunded before finalization.
    credit('grant', 1000)
    await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    credit('refund', -1000)
    await invoke(app.dispatch, 'settings:update', { billingSchedule: schedule })
    lastRanOnOctoberSlot(app)
    app.clock.advance(21 * 86_400_000)
    const notices: string[] = []
    const scheduler = schedulerOn(app, notices, () =>
      scheduledWork(app.db, app.events, app.clock.now),
    )
    await scheduler.tick()
    expect(notices).toHaveLength(2)
    expect(notices[1]).toMatch(
      /^Drafts not finalized: 1 draft past the grace period could not be finalized and will be tried again at the next slot\. acme: .*credit/,
    )
    expect(
      app.db.prepare("SELECT status FROM invoice WHERE period = '2026-10'").pluck().get(),
    ).toBe('draft')
  })
})
