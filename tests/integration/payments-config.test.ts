import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { startFakeStripe, type FakeStripe } from '../fakes/stripe'
import type { FailureSummary } from '../../src-shared/domain/payments'
import { defaultPaymentSettings } from '../../src-shared/domain/settings'
import { testApp } from '../support/test-app'
import { closePayments, finalized, paymentsTestApp } from './payments-support'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const fakeStripe = async (): Promise<FakeStripe> => {
  const fake = await startFakeStripe()
  cleanups.push(() => fake.close())
  return fake
}

describe('the Stripe key', () => {
  it('is stored by the platform, shown only as a hint, and never written to the ledger', async () => {
    const fake = await fakeStripe()
    const folder = mkdtempSync(join(tmpdir(), 'mb-key-'))
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }))
    const ledgerPath = join(folder, 'ledger.sqlite')
    const app = await testApp({ ledgerPath, stripe: { apiBase: fake.url } })
    cleanups.push(() => app.close())
    const key = 'sk_test_51SecretValue9876'

    expect(await invoke(app.dispatch, 'payments:status', {})).toMatchObject({
      configured: false,
      keyHint: null,
    })
    const status = await invoke(app.dispatch, 'payments:set-key', { key })
    expect(status).toMatchObject({
      configured: true,
      keySource: 'session',
      keyHint: 'sk_test_…9876',
    })
    expect(JSON.stringify(status)).not.toContain(key)
    expect(app.platform.readSecret('stripe-key')).toBe(key)

    const audit = await invoke(app.dispatch, 'audit:list', { entityType: 'settings' })
    expect(audit.entries[0]?.after).toEqual({ keyHint: 'sk_test_…9876', keySource: 'session' })
    await app.close()
    expect(readFileSync(ledgerPath).includes(key)).toBe(false)
  })

  it('tests a connection with a typed key before saving it, and reports a refused key', async () => {
    const fake = await fakeStripe()
    fake.acceptedKeys.add('sk_test_goodkey12345')
    const app = await testApp({ stripe: { apiBase: fake.url } })
    cleanups.push(() => app.close())
    expect(
      await invoke(app.dispatch, 'payments:test-connection', { key: 'sk_test_goodkey12345' }),
    ).toEqual({ ok: true, message: 'Connected to Stripe in test mode.', livemode: false })
    const refused = await invoke(app.dispatch, 'payments:test-connection', {
      key: 'sk_test_wrongkey1234',
    })
    expect(refused).toMatchObject({ ok: false, livemode: null })
    expect(refused.message).toMatch(/^Stripe refused: /)
    expect(await invoke(app.dispatch, 'payments:test-connection', {})).toMatchObject({
      ok: false,
      message: 'No Stripe key is configured.',
    })
    // A malformed key never reaches Stripe.
    const malformed = await app.dispatch('payments:set-key', { key: 'pk_live_nope' })
    expect(malformed).toMatchObject({ ok: false, error: { code: 'validation_failed' } })
  })
})

describe('the failure alert', () => {
  it('notifies once when unresolved failures reach the threshold', async () => {
    const notices: string[] = []
    const app = await paymentsTestApp({
      notify: (title) => notices.push(title),
      settings: {
        payments: { ...defaultPaymentSettings, autoCollect: true, alertThreshold: 2 },
      },
    })
    cleanups.push(() => closePayments(app))
    const unresolved: number[] = []
    app.events.subscribe((event, payload) => {
      if (event === 'retries:changed') unresolved.push((payload as FailureSummary).unresolved)
    })

    // Automatic collection: finalizing queues the invoice; every push then fails with a 500.
    app.fake.injectFault('server_error', { times: 100, match: (r) => r.path === '/v1/invoices' })
    await finalized(app, 'acme')
    await invoke(app.dispatch, 'retries:process', {})
    expect(notices).toEqual([])
    await finalized(app, 'globex')
    await invoke(app.dispatch, 'retries:process', {})
    expect(notices).toEqual(['Failed payments need attention'])
    await invoke(app.dispatch, 'retries:process', { now: true })
    expect(notices).toHaveLength(1)
    expect(unresolved).toEqual([1, 2, 2])
  })
})
