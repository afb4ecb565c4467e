import { describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { addEvents, billingTestApp } from './billing-support'

describe("a customer's meters", () => {
  it("measure the billing run's own period: a yearly plan, in Auckland's time zone", async () => {
    // globex: the yearly Business plan from 2026-10-01, anchor 1; the clock is 2026-11-15 12:00 UTC.
    const app = await billingTestApp()
    await invoke(app.dispatch, 'settings:update', { businessTimeZone: 'Pacific/Auckland' })
    // 00:30 on October 1st in Auckland (NZDT, UTC+13): inside the yearly period, before Nov 1.
    addEvents(app.db, 'globex', [
      ['g1', 'sms', '700', '2026-09-30T11:30:00.000Z'],
      ['g2', 'sms', '50', '2026-11-10T00:00:00.000Z'],
    ])

    const run = await invoke(app.dispatch, 'billing:run', { period: '2026-10', dryRun: true })
    const billed = run.items.find((item) => item.customerId === 'globex')
    const { period, meters } = await invoke(app.dispatch, 'customers:meters', {
      externalId: 'globex',
    })

    expect(period).toEqual({ start: billed?.periodStart, end: billed?.periodEnd })
    expect(period).toEqual({
      start: '2026-09-30T11:00:00.000Z',
      end: '2027-09-30T11:00:00.000Z',
    })
    expect(meters.find((m) => m.code === 'sms')).toMatchObject({ used: '750' })
  })
})
