import type Database from 'better-sqlite3'
import type { ProcessResult, SyncResult } from '../../src-shared/domain/payments'
import type { Ledger } from '../db/ledger'
import { AppError } from '../errors'
import type { EventBus } from '../ipc/event-bus'
import type { InTurn } from '../ipc/turns'
import type { Platform } from '../platform/platform'
import { failureRecorder } from './failure-hooks'
import { readSettingsNow } from '../settings/settings-service'
import { onInvoiceEvent } from '../invoices/invoice-events'
import { syncEvents } from './event-sync'
import { reactToInvoice } from './invoice-reactions'
import { keyHint, liftKeyPause, pauseFor, pauseOutbox, readKeyPause } from './key-pause'
import { processOutbox } from './processor'
import { ProviderError, type PaymentProvider } from './provider'
import { stripeProvider } from './stripe-provider'
import { outboxCounts } from './outbox-list'

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
  /** Milliseconds before a Stripe request counts as timed out. */
  timeoutMs?: number
  /** How a pass waits out Stripe's Retry-After; a real timer unless a test records it. */
  sleep?: (ms: number) => Promise<void>
}

/** The payments side of the app: sending the outbox, retrying, and polling Stripe's events. */
export type Payments = {
  /**
   * A provider on the given key, or the configured one; null when there is none. `timeoutMs`
   * shortens the wait for a check that must answer quickly (`meterbook doctor`).
   */
  provider: (key?: string, options?: { timeoutMs?: number }) => Promise<PaymentProvider | null>
  apiBase: string | undefined
  process: (options: { takeAll: boolean; operator?: string }) => Promise<ProcessResult>
  sync: (options?: { operator?: string }) => Promise<SyncResult>
  /** Sends and polls on the intervals set in Settings (the long-running hosts). */
  start: () => void
  stop: () => Promise<void>
}

const notConfigured = (): AppError =>
  new AppError(
    'stripe_not_configured',
    'No Stripe key is configured: enter one in Settings (or set METERBOOK_STRIPE_KEY).',
  )

export const createPayments = (deps: PaymentsDeps): Payments => {
  const { ledger, platform, events, inTurn, now, logError } = deps
  const db = ledger.db
  // Invoices announce what happened; what Stripe must do about it is queued here.
  const unsubscribe = onInvoiceEvent(db, reactToInvoice)
  const save = <T>(write: (tx: Database.Database) => T): Promise<T> =>
    inTurn(() => Promise.resolve(db.transaction(write).immediate(db)))

  const provider = async (
    key?: string,
    options: { timeoutMs?: number } = {},
  ): Promise<PaymentProvider | null> => {
    const secret = key ?? platform.readSecret('stripe-key')
    if (!secret) return null
    const timeoutMs = options.timeoutMs ?? deps.timeoutMs
    return stripeProvider({
      key: secret,
      apiBase: deps.apiBase,
      ...(timeoutMs ? { timeoutMs } : {}),
    })
  }

  // One pass of each kind at a time in this process; across processes the claims decide.
  let processing: Promise<ProcessResult> | null = null
  let syncing: Promise<SyncResult> | null = null

  const announce = (): void => {
    const counts = failureRecorder(db).summary(db)
    events.emit('retries:changed', counts)
    if (counts.unresolved >= counts.threshold && lastAlerted < counts.threshold) {
      platform.notify(
        'Failed payments need attention',
        `${counts.unresolved} failed payment operations are waiting in the retry queue.`,
      )
    }
    lastAlerted = counts.unresolved
  }
  let lastAlerted = 0

  const process = (options: { takeAll: boolean; operator?: string }): Promise<ProcessResult> => {
    processing ??= (async () => {
      const secret = platform.readSecret('stripe-key')
      const client = await provider()
      if (!client || !secret) throw notConfigured()
      const hint = keyHint(secret)
      // A key Stripe refused stays refused: wait for another one (Settings, or the environment).
      const pause = pauseFor(db, secret)
      if (pause) return pausedResult(db, pause.message)
      if (readKeyPause(db)) await save(liftKeyPause)
      const result = await processOutbox(
        {
          db,
          provider: client,
          save,
          now,
          random: deps.random,
          operator: options.operator ?? platform.operator,
          ...(deps.sleep ? { sleep: deps.sleep } : {}),
          keyHint: hint,
        },
        options,
      )
      if (result.keyRefused !== null) await save((tx) => pauseOutbox(tx, hint, now()))
      events.emit('payments:processed', result)
      announce()
      return result
    })().finally(() => {
      processing = null
    })
    return processing
  }

  const sync = (options: { operator?: string } = {}): Promise<SyncResult> => {
    syncing ??= (async () => {
      const client = await provider()
      if (!client) throw notConfigured()
      const operator = options.operator ?? platform.operator
      try {
        const result = await syncEvents({ db, provider: client, save, now, operator })
        await save((tx) => resolveSyncFailure(tx, { now: now(), operator }))
        events.emit('payments:synced', result)
        return result
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error
        await save((tx) => {
          tx.prepare('UPDATE payment_sync SET last_error = ? WHERE id = 1').run(error.message)
          failureRecorder(tx).recordFailure(
            tx,
            {
              operation: 'events.sync',
              outboxId: null,
              customerRowId: null,
              invoiceId: null,
              amountMinor: null,
              currency: null,
              context: { apiBase: deps.apiBase ?? null },
            },
            error.failure,
            { now: now(), operator, random: deps.random },
          )
        })
        announce()
        throw new AppError(
          'stripe_unavailable',
          `Stripe's events could not be read: ${error.message}`,
        )
      }
    })().finally(() => {
      syncing = null
    })
    return syncing
  }

  let stopped = false
  const timers = new Set<NodeJS.Timeout>()
  const every = (minutes: () => number, work: () => Promise<unknown>): void => {
    const schedule = (): void => {
      if (stopped) return
      const timer = setTimeout(() => {
        timers.delete(timer)
        work()
          .catch((error: unknown) => {
            // A missing key or an unreachable Stripe is normal offline life, not a crash.
            if (!(error instanceof AppError)) logError('Scheduled payments work failed', error)
          })
          .finally(schedule)
      }, minutes() * 60_000)
      timers.add(timer)
    }
    schedule()
  }

  return {
    provider,
    apiBase: deps.apiBase,
    process,
    sync,
    start: () => {
      const settings = () => readSettingsNow(db).payments
      every(
        () => settings().processEveryMinutes,
        () => process({ takeAll: false, operator: 'scheduler' }),
      )
      every(
        () => settings().syncEveryMinutes,
        () => sync({ operator: 'scheduler' }),
      )
    },
    stop: async () => {
      stopped = true
      unsubscribe()
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      await Promise.allSettled([processing, syncing])
    },
  }
}

/** A pass that sent nothing: the outbox waits for a new key. */
const pausedResult = (db: Database.Database, message: string): ProcessResult => {
  const waiting = outboxCounts(db)
  return {
    attempted: 0,
    succeeded: 0,
    failed: 0,
    movedToManual: 0,
    offline: false,
    rateLimited: false,
    remaining: waiting.pending + waiting.failed,
    keyRefused: message,
  }
}

/** A sync that worked settles the open sync failure, if there was one. */
const resolveSyncFailure = (db: Database.Database, opts: { now: Date; operator: string }): void => {
  const open = db
    .prepare<[], number>(
      `SELECT id FROM payment_failure WHERE operation = 'events.sync' AND status = 'open'`,
    )
    .pluck()
    .all()
  for (const id of open) failureRecorder(db).recordSuccess(db, id, { ...opts, requestId: null })
}
