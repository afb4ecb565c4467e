import { invoke } from '../../src-main/ipc/dispatcher'
import type { SettingsPatch } from '../../src-shared/domain/settings'
import { startFakeStripe, type FakeStripe } from '../fakes/stripe'
import { testPlatform } from '../support/test-app'
import { invoicesTestApp, seedDraft, type InvoicesTestApp } from './invoices-support'

/** `waits`: every Retry-After a pass waited out, in milliseconds (recorded, not slept). */
export type PaymentsTestApp = InvoicesTestApp & { fake: FakeStripe; waits: number[] }

/** A seeded pseudo-random source, so backoff jitter is the same on every run. */
export const seeded = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

/**
 * The invoices test app (`acme` USD, `globex` EUR) talking to a fresh fake Stripe through the
 * real SDK, with a Stripe key set the way Settings sets it.
 */
export const paymentsTestApp = async (
  options: {
    timeoutMs?: number
    settings?: SettingsPatch
    notify?: (title: string, body: string) => void
  } = {},
): Promise<PaymentsTestApp> => {
  const fake = await startFakeStripe()
  const platform = testPlatform(options.notify ? { notify: options.notify } : {})
  const waits: number[] = []
  platform.writeSecret('stripe-key', 'sk_test_meterbook1234')
  const app = await invoicesTestApp({
    ...(options.settings ? { settings: options.settings } : {}),
    app: {
      platform,
      stripe: {
        apiBase: fake.url,
        timeoutMs: options.timeoutMs ?? 1000,
        sleep: (ms: number) => {
          waits.push(ms)
          return Promise.resolve()
        },
      },
      random: seeded(7),
    },
  })
  return Object.assign(app, { fake, waits })
}

export const closePayments = async (app: PaymentsTestApp): Promise<void> => {
  await app.close()
  await app.fake.close()
}

/** A finalized October invoice of `amountMinor` + 19% VAT for the customer; returns its id. */
export const finalized = async (
  app: PaymentsTestApp,
  customer = 'acme',
  amountMinor = 10_000,
): Promise<number> => {
  const id = seedDraft(app.db, {
    customer,
    lines: [{ description: 'Plan', amountMinor, kind: 'base' }],
  })
  await invoke(app.dispatch, 'invoices:finalize', { id })
  return id
}

export const invoiceStatus = (app: PaymentsTestApp, id: number): string | undefined =>
  app.db.prepare<[number], string>('SELECT status FROM invoice WHERE id = ?').pluck().get(id)

/** Charges the fake made per Stripe invoice: the "never charged twice" check. */
export const chargesPerInvoice = (fake: FakeStripe): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const charge of fake.charges)
    counts.set(charge.invoice, (counts.get(charge.invoice) ?? 0) + 1)
  return counts
}
