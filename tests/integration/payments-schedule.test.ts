import { afterEach, describe, expect, it, vi } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { defaultPaymentSettings } from '../../src-shared/domain/settings'
import { closePayments, finalized, invoiceStatus, paymentsTestApp } from './payments-support'

afterEach(() => {
  vi.useRealTimers()
})

describe('payments on a schedule while the app is open', () => {
  it('sends the outbox and polls events at the intervals set in Settings', async () => {
    const app = await paymentsTestApp({
      settings: {
        payments: {
          ...defaultPaymentSettings,
          autoCollect: true,
          processEveryMinutes: 5,
          syncEveryMinutes: 15,
        },
      },
    })
    try {
      const id = await finalized(app)
      // Only the scheduler's own timers are faked; the network runs for real.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      app.payments.start()
      await vi.advanceTimersByTimeAsync(4 * 60_000)
      expect(app.fake.requests).toHaveLength(0)

      await vi.advanceTimersByTimeAsync(60_000)
      await vi.waitFor(() => expect(invoiceStatus(app, id)).toBe('paid'))
      expect(app.fake.requests.some((r) => r.path === '/v1/events')).toBe(false)

      await vi.advanceTimersByTimeAsync(10 * 60_000)
      await vi.waitFor(() =>
        expect(app.fake.requests.some((r) => r.path === '/v1/events')).toBe(true),
      )
      const audit = await invoke(app.dispatch, 'audit:list', { operator: 'scheduler' })
      expect(audit.entries.map((e) => e.action)).toContain('payments:paid')
    } finally {
      await app.payments.stop()
      vi.useRealTimers()
      await closePayments(app)
    }
  })
})
