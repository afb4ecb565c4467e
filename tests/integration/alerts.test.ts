import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import type { UsageAlert } from '../../src-shared/domain/alerts'
import { csv, importText, usageTestApp, type UsageTestApp } from './usage-support'

let app: UsageTestApp
beforeEach(async () => {
  app = await usageTestApp()
})
afterEach(async () => {
  await app.close()
})

const header = 'event_id,customer_id,metric,quantity,timestamp'

/** What an alert is about, compactly: customer, metric, period, threshold, used of limit. */
const brief = (a: UsageAlert): string =>
  `${a.customerId} ${a.metric} ${a.periodKey} ${a.threshold}% ${a.used}/${a.limit}`

const allAlerts = async (): Promise<string[]> =>
  (
    await invoke(app.dispatch, 'alerts:list', { sort: { field: 'threshold', direction: 'asc' } })
  ).alerts.map(brief)

const firedEvents = (): string[][] =>
  app.emitted
    .filter((e) => e.event === 'alerts:fired')
    .map((e) => (e.payload as { alerts: UsageAlert[] }).alerts.map(brief))

const setOverrides = (externalId: string, overrides: unknown[]): void => {
  app.db
    .prepare('UPDATE customer SET overrides_json = ? WHERE external_id = ?')
    .run(JSON.stringify(overrides), externalId)
}

describe('usage alerts fire when usage is imported', () => {
  it('crossing 75 % then 90 % in two imports fires two records; re-importing fires none', async () => {
    // acme's starter plan includes 10,000 API calls a month.
    const first = csv(header, 'a1,acme,api_calls,8000,2026-11-03T10:00:00Z')
    await importText(app, first)
    expect(await allAlerts()).toEqual(['acme api_calls 2026-11 75% 8000/10000'])

    const second = csv(header, 'a2,acme,api_calls,1500,2026-11-10T10:00:00Z')
    await importText(app, second)
    expect(await allAlerts()).toEqual([
      'acme api_calls 2026-11 75% 8000/10000',
      'acme api_calls 2026-11 90% 9500/10000',
    ])
    expect(firedEvents()).toEqual([
      ['acme api_calls 2026-11 75% 8000/10000'],
      ['acme api_calls 2026-11 90% 9500/10000'],
    ])

    // The same files again, and more usage that stays past 90 % but under 100 %: nothing new.
    await importText(app, first)
    await importText(app, second)
    await importText(app, csv(header, 'a3,acme,api_calls,100,2026-11-11T10:00:00Z'))
    expect(await allAlerts()).toHaveLength(2)
    expect(firedEvents()).toHaveLength(2)
    expect(app.db.prepare('SELECT count(*) AS n FROM usage_alert').get()).toEqual({ n: 2 })
  })

  it("uses the plan's own thresholds: storage at 85 of 100 fires 80 % only, not 75 %", async () => {
    // business's storage_gb: a 100 GB quota with alertThresholds [80, 100]; a yearly period
    // from globex's start (2026-10).
    await importText(app, csv(header, 's1,globex,storage_gb,85,2026-11-03T10:00:00Z'))
    expect(await allAlerts()).toEqual(['globex storage_gb 2026-10 80% 85/100'])
  })

  it("measures against the customer's override of a quota's limit, not the plan's", async () => {
    // 8 seats: 160 % of the plan's 5 (75, 90, 100 would fire), 80 % of acme's own 10.
    setOverrides('acme', [{ code: 'seats', limit: '10' }])
    await importText(app, csv(header, 'q1,acme,seats,8,2026-11-03T10:00:00Z'))
    expect(await allAlerts()).toEqual(['acme seats 2026-11 75% 8/10'])
  })

  it("measures against the customer's override of included units, not the plan's", async () => {
    // 16,000 calls: 160 % of the plan's 10,000 included, 80 % of acme's own 20,000.
    setOverrides('acme', [{ code: 'api_calls', includedUnits: '20000' }])
    await importText(app, csv(header, 'u1,acme,api_calls,16000,2026-11-03T10:00:00Z'))
    expect(await allAlerts()).toEqual(['acme api_calls 2026-11 75% 16000/20000'])
  })

  it('without an override, the same 8 seats fire 75, 90 and 100 % of the plan limit 5', async () => {
    await importText(app, csv(header, 'q1,acme,seats,8,2026-11-03T10:00:00Z'))
    expect(await allAlerts()).toEqual([
      'acme seats 2026-11 75% 8/5',
      'acme seats 2026-11 90% 8/5',
      'acme seats 2026-11 100% 8/5',
    ])
  })

  it('a new period fires the same threshold again', async () => {
    await importText(
      app,
      csv(header, 'n1,acme,seats,4,2026-10-20T10:00:00Z', 'n2,acme,seats,4,2026-11-03T10:00:00Z'),
    )
    expect(await allAlerts()).toEqual(['acme seats 2026-10 75% 4/5', 'acme seats 2026-11 75% 4/5'])
  })

  it('a late event evaluates the past period it lands in, not the current one', async () => {
    // The clock is at 2026-11-15: October is past. 7,000 of 10,000 in October fires nothing.
    await importText(app, csv(header, 'l1,acme,api_calls,7000,2026-10-20T10:00:00Z'))
    expect(await allAlerts()).toEqual([])
    await importText(app, csv(header, 'l2,acme,api_calls,1000,2026-10-31T23:00:00Z'))
    expect(await allAlerts()).toEqual(['acme api_calls 2026-10 75% 8000/10000'])
    const [alert] = (await invoke(app.dispatch, 'alerts:list', {})).alerts
    expect(alert).toMatchObject({
      periodStart: '2026-10-01T00:00:00.000Z',
      periodEnd: '2026-11-01T00:00:00.000Z',
    })
  })

  it('frames periods on the 31st in the business time zone: 23:30 local on the last day stays in its period', async () => {
    await invoke(app.dispatch, 'settings:update', { businessTimeZone: 'America/New_York' })
    const customer = Number(
      app.db
        .prepare(
          `INSERT INTO customer (external_id, name, currency, created_at, updated_at)
           VALUES ('late31', 'Late 31', 'USD', 'x', 'x')`,
        )
        .run().lastInsertRowid,
    )
    app.db
      .prepare(
        `INSERT INTO subscription (customer_id, plan_id, plan_version, start_date,
           billing_anchor_day, status) VALUES (?, 'starter', 1, '2026-08-31', 31, 'active')`,
      )
      .run(customer)
    // Periods run Oct 31 → Nov 30 → Dec 31 (local). 23:30 on Nov 29 in New York is 04:30 UTC
    // on Nov 30: by UTC both events would share a period (8 of 5 seats: 75, 90, 100 %).
    await importText(
      app,
      csv(
        header,
        'z1,late31,seats,4,2026-11-30T04:30:00Z',
        'z2,late31,seats,4,2026-11-30T05:30:00Z',
      ),
    )
    const { alerts } = await invoke(app.dispatch, 'alerts:list', {
      customer: 'late31',
      sort: { field: 'period', direction: 'asc' },
    })
    expect(
      alerts.map((a) => [a.periodKey, a.periodStart, a.periodEnd, a.threshold, a.used]),
    ).toEqual([
      ['2026-10', '2026-10-31T04:00:00.000Z', '2026-11-30T05:00:00.000Z', 75, '4'],
      ['2026-11', '2026-11-30T05:00:00.000Z', '2026-12-31T05:00:00.000Z', 75, '4'],
    ])
  })

  it('fires nothing for a metric with nothing to measure against, or a customer without a plan', async () => {
    // globex's sms has no included units; exports is a rate limit (per hour, not per period).
    await importText(
      app,
      csv(
        header,
        'x1,globex,sms,99999,2026-11-03T10:00:00Z',
        'x2,globex,exports,500,2026-11-03T10:00:00Z',
      ),
    )
    expect(await allAlerts()).toEqual([])
  })
})

describe('alerts:list and alerts:acknowledge', () => {
  it('filters by customer, metric, threshold, period and acknowledgement, and pages', async () => {
    await importText(
      app,
      csv(
        header,
        'f1,acme,seats,5,2026-11-03T10:00:00Z',
        'f2,acme,api_calls,8000,2026-11-03T10:00:00Z',
        'f3,globex,storage_gb,100,2026-11-03T10:00:00Z',
      ),
    )
    const list = (q: Parameters<typeof invoke<'alerts:list'>>[2]) =>
      invoke(app.dispatch, 'alerts:list', q)
    expect((await list({})).total).toBe(6)
    expect((await list({ customer: 'globex' })).alerts.map(brief)).toEqual([
      'globex storage_gb 2026-10 100% 100/100',
      'globex storage_gb 2026-10 80% 100/100',
    ])
    expect((await list({ metric: 'seats' })).total).toBe(3)
    expect((await list({ threshold: 75 })).total).toBe(2)
    expect((await list({ period: '2026-10' })).total).toBe(2)
    const page = await list({ limit: 2, offset: 2, sort: { field: 'threshold', direction: 'asc' } })
    expect(page.alerts.map((a) => a.threshold)).toEqual([80, 90])
    expect(page.total).toBe(6)

    const ids = (await list({ customer: 'acme', threshold: 100 })).alerts.map((a) => a.id)
    const done = await invoke(app.dispatch, 'alerts:acknowledge', { ids })
    expect(done).toMatchObject([
      { acknowledgedAt: '2026-11-15T12:00:00.000Z', acknowledgedBy: 'tester', notifiedAt: null },
    ])
    expect((await list({ acknowledged: true })).total).toBe(1)
    expect((await list({ acknowledged: false })).unacknowledged).toBe(5)
    const audit = app.db
      .prepare("SELECT action, entity_type FROM audit_entry WHERE action = 'alerts:acknowledge'")
      .all()
    expect(audit).toEqual([{ action: 'alerts:acknowledge', entity_type: 'usage_alert' }])
  })

  it('refuses to acknowledge an alert that does not exist', async () => {
    await expect(invoke(app.dispatch, 'alerts:acknowledge', { ids: [42] })).rejects.toMatchObject({
      code: 'not_found',
    })
  })
})
