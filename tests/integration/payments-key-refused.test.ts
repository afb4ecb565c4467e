import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { seedDraft } from './invoices-support'
import { closePayments, finalized, paymentsTestApp, type PaymentsTestApp } from './payments-support'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const RIGHT_KEY = 'sk_test_rightkey5678'

/** Five queued operations (acme's record, then push and collect of two invoices) on a refused key. */
const fiveQueuedOnRefusedKey = async (): Promise<PaymentsTestApp> => {
  const app = await paymentsTestApp()
  cleanups.push(() => closePayments(app))
  await finalized(app, 'acme', 10_000)
  const september = seedDraft(app.db, {
    period: '2026-09',
    lines: [{ description: 'Plan', amountMinor: 20_000, kind: 'base' }],
  })
  await invoke(app.dispatch, 'invoices:finalize', { id: september })
  await invoke(app.dispatch, 'payments:push', { period: '2026-09' })
  await invoke(app.dispatch, 'payments:push', { period: '2026-10' })
  // Stripe now takes only another key than the one the app holds (sk_test_meterbook1234).
  app.fake.acceptedKeys.add(RIGHT_KEY)
  return app
}

const outboxRows = (app: PaymentsTestApp) =>
  app.db
    .prepare<[], { status: string; attempts: number }>(
      'SELECT status, attempts FROM outbox ORDER BY id',
    )
    .all()

const failureCount = (app: PaymentsTestApp): number =>
  app.db.prepare<[], number>('SELECT count(*) FROM payment_failure').pluck().get() ?? 0

describe('a Stripe key Stripe refuses', () => {
  it('pauses the outbox: no failure recorded, all 5 operations left pending, the status says so', async () => {
    const app = await fiveQueuedOnRefusedKey()
    expect(outboxRows(app)).toHaveLength(5)

    const first = await invoke(app.dispatch, 'retries:process', { now: true })
    expect(first).toMatchObject({ attempted: 0, failed: 0, movedToManual: 0, remaining: 5 })
    expect(first.keyRefused).toMatch(/^The Stripe key was refused \(sk_test_…1234\)/)
    expect(failureCount(app)).toBe(0)
    expect(outboxRows(app)).toEqual(Array(5).fill({ status: 'pending', attempts: 0 }))

    const status = await invoke(app.dispatch, 'payments:status', {})
    expect(status.keyPause).toMatchObject({ keyHint: 'sk_test_…1234' })
    expect(status.keyPause?.message).toContain('the key changes')

    // Paused: a second pass does not even ask Stripe again.
    const asked = app.fake.requests.length
    const second = await invoke(app.dispatch, 'retries:process', { now: true })
    expect(second).toMatchObject({ attempted: 0, remaining: 5 })
    expect(second.keyRefused).not.toBeNull()
    expect(app.fake.requests.length).toBe(asked)
    expect(failureCount(app)).toBe(0)
  })

  it('lifts when a new key is set, and the next pass sends all 5', async () => {
    const app = await fiveQueuedOnRefusedKey()
    await invoke(app.dispatch, 'retries:process', { now: true })

    const status = await invoke(app.dispatch, 'payments:set-key', { key: RIGHT_KEY })
    expect(status.keyPause).toBeNull()
    const pass = await invoke(app.dispatch, 'retries:process', { now: true })
    expect(pass).toMatchObject({ attempted: 5, succeeded: 5, failed: 0, keyRefused: null })
    expect(pass.remaining).toBe(0)
    expect(outboxRows(app).map((r) => r.status)).toEqual(Array(5).fill('sent'))
    expect(failureCount(app)).toBe(0)
  })

  it('lifts when the key changes outside Meterbook (another key hint), e.g. the environment', async () => {
    const app = await fiveQueuedOnRefusedKey()
    await invoke(app.dispatch, 'retries:process', { now: true })
    // Not through payments:set-key: the key the host reads is simply another one now.
    app.platform.writeSecret('stripe-key', RIGHT_KEY)
    expect((await invoke(app.dispatch, 'payments:status', {})).keyPause).toBeNull()
    const pass = await invoke(app.dispatch, 'retries:process', { now: true })
    expect(pass).toMatchObject({ succeeded: 5, failed: 0, remaining: 0, keyRefused: null })
  })
})
