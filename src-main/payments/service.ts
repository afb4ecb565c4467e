import type { ProcessResult, SyncResult } from '../../src-shared/domain/payments'
import type { Ledger } from '../db/ledger'
import type { EventBus } from '../ipc/event-bus'
import type { InTurn } from '../ipc/turns'
import type { Platform } from '../platform/platform'

export type PaymentsDeps = {
  ledger: Ledger
  platform: Platform
  events: EventBus
  inTurn: InTurn
  now: () => Date
  logError: (message: string, error: unknown) => void
  /** Points the SDK at another endpoint (the fake Stripe in tests): `http://127.0.0.1:12111`. */
  apiBase: string | undefined
  /** For the jitter of backoff delays; tests pass a seeded one. */
  random: () => number
}

/** The payments side of the app: sending the outbox, retrying, and polling Stripe's events. */
export type Payments = {
  process: (options: { takeAll: boolean }) => Promise<ProcessResult>
  sync: () => Promise<SyncResult>
}

export const createPayments = (deps: PaymentsDeps): Payments => {
  void deps
  return {
    process: async () => ({
      attempted: 0,
      succeeded: 0,
      failed: 0,
      movedToManual: 0,
      offline: false,
      remaining: 0,
    }),
    sync: async () => ({ fetched: 0, applied: 0, skipped: 0 }),
  }
}
