import type { Events } from '../src-shared/ipc/contract'
import { alertsHandlers } from './alerts/handlers'
import { firedNotice } from './alerts/notice'
import { auditHandlers } from './audit/handlers'
import { billingHandlers } from './billing/handlers'
import { SCHEDULER, scheduledWork, type ScheduledResult } from './scheduler/scheduled-work'
import { BillingScheduler, runSlot } from './scheduler/scheduler'
import { creditsHandlers } from './credits/handlers'
import { discountsHandlers } from './credits/discount-handlers'
import { couponsHandlers } from './coupons/handlers'
import { dashboardHandlers } from './dashboard/handlers'
import { invoicesHandlers } from './invoices/handlers'
import { subscriptionsHandlers } from './subscriptions/handlers'
import { catalogHandlers } from './catalog/handlers'
import { customersHandlers } from './customers/handlers'
import { openLedger, type Ledger } from './db/ledger'
import { createDispatcher, type Dispatcher } from './ipc/dispatcher'
import { EventBus } from './ipc/event-bus'
import { createLedgerWatch } from './ipc/ledger-watch'
import type { Handlers } from './ipc/handlers-types'
import type { Platform } from './platform/platform'
import { pricingHandlers } from './pricing/handlers'
import { settingsHandlers } from './settings/handlers'
import { systemHandlers } from './system/handlers'
import { usageHandlers } from './usage/handlers'
import { planMovesHandlers } from './plan-moves/handlers'
import { whatIfHandlers } from './what-if/handlers'
import { paymentsHandlers } from './payments/handlers'
import { attachRetries } from './retries/attach'
import { retriesHandlers } from './retries/handlers'
import { exportsHandlers } from './exports/handlers'
import { reportsHandlers } from './reports/handlers'
import { disputesHandlers } from './disputes/handlers'
import { operatorsHandlers, sessionHandlers } from './operators/handlers'
import { createPayments, type Payments } from './payments/service'
import { createTurns } from './ipc/turns'
import { logError as logSafely } from './logging/safe-log'
import { restoreUnlessImporting } from './usage/customer-index'
import { markInterruptedImports } from './usage/interrupted'
import { createLiveImports, type LiveImports } from './usage/live-imports'
import { mailHandlers } from './mail/handlers'
import { createMail, notConfigured, type Mail } from './mail/service'
import { mailConfigured } from './mail/queue'
import { readSettingsNow } from './settings/settings-service'
import { AppError } from './errors'
import type { MailPassResult } from '../src-shared/domain/mail'

/** For callers that wire handlers without the mail service (tests of other areas). */
const noMail: Mail = {
  pass: () => Promise.reject(notConfigured()),
  test: () => Promise.reject(notConfigured()),
  start: () => undefined,
  stop: () => Promise.resolve(),
}

/** Every area's handlers joined into the one map the contract demands. */
export const createHandlers = (
  ledger: Ledger,
  platform: Platform,
  payments: Payments,
  liveImports: LiveImports = createLiveImports(),
  mail: Mail = noMail,
): Handlers => ({
  ...systemHandlers(ledger, platform, payments),
  ...auditHandlers,
  ...settingsHandlers,
  ...catalogHandlers,
  ...pricingHandlers,
  ...customersHandlers(ledger),
  ...usageHandlers(ledger, { live: liveImports }),
  ...billingHandlers(ledger),
  ...invoicesHandlers(ledger),
  ...subscriptionsHandlers(ledger),
  ...creditsHandlers(ledger),
  ...discountsHandlers(ledger),
  ...dashboardHandlers(ledger),
  ...paymentsHandlers(ledger, platform, payments),
  ...retriesHandlers(ledger, payments),
  ...planMovesHandlers(ledger),
  ...whatIfHandlers(ledger),
  ...exportsHandlers(ledger),
  ...sessionHandlers,
  ...operatorsHandlers,
  ...reportsHandlers(ledger),
  ...couponsHandlers(ledger),
  ...alertsHandlers(ledger),
  ...disputesHandlers(ledger),
  ...mailHandlers(ledger, platform, mail),
})

export type App = {
  ledger: Ledger
  platform: Platform
  events: EventBus
  /** Announces other processes' writes (`ledger:changed`) while a page is open; returns the release. */
  watchLedger: () => () => void
  dispatch: Dispatcher
  payments: Payments
  mail: Mail
  /**
   * One scheduled slot's work, now, as the in-app schedule does it, then a pass over the mail
   * outbox (`meterbook tick`).
   */
  tick: () => Promise<TickResult>
  close: () => Promise<void>
}

/** The mail pass after a tick: null when mail is not set up; its error when the pass failed. */
export type TickResult = ScheduledResult & {
  mail: (MailPassResult & { error: string | null }) | null
}

export type AppOptions = {
  ledgerPath: string
  /** The passphrase of a ledger encrypted at rest (db/sqlite-open.ts); none for a plain one. */
  ledgerKey?: string | null
  platform: Platform
  now?: () => Date
  logError?: (message: string, error: unknown) => void
  /** Run billing on the schedule set in Settings: the long-running hosts, like the above. */
  runSchedule?: boolean
  /** Another endpoint for the Stripe SDK; defaults to METERBOOK_STRIPE_API_BASE. */
  stripeApiBase?: string
  /** The jitter source of retry delays (tests pass a seeded one). */
  random?: () => number
  /** Milliseconds before a Stripe request counts as timed out (tests shorten it). */
  stripeTimeoutMs?: number
  /** How a pass waits out Stripe's Retry-After (tests record the wait instead). */
  stripeSleep?: (ms: number) => Promise<void>
  /** Milliseconds before the SMTP server counts as unreachable (tests shorten it). */
  mailTimeoutMs?: number
}

/** Opens the ledger and wires the services: everything a host needs, nothing host-specific. */
export const startApp = async (options: AppOptions): Promise<App> => {
  const now = options.now ?? (() => new Date())
  const ledger = await openLedger(options.ledgerPath, now, options.ledgerKey ?? null)
  // Imports whose process died are marked interrupted; another live process's are left alone.
  markInterruptedImports(ledger, { now, operator: options.platform.operator })
  restoreUnlessImporting(ledger.db)
  const events = new EventBus()
  const logError = options.logError ?? logSafely
  const inTurn = createTurns()
  const liveImports = createLiveImports()
  // Later stages react to earlier ones on this ledger: retries records what payments reports.
  const detachRetries = attachRetries(ledger.db)
  const payments = createPayments({
    ledger,
    platform: options.platform,
    events,
    inTurn,
    now,
    logError,
    apiBase: options.stripeApiBase ?? (process.env['METERBOOK_STRIPE_API_BASE'] || undefined),
    random: options.random ?? Math.random,
    ...(options.stripeTimeoutMs ? { timeoutMs: options.stripeTimeoutMs } : {}),
    ...(options.stripeSleep ? { sleep: options.stripeSleep } : {}),
  })
  const mail = createMail({
    ledger,
    platform: options.platform,
    inTurn,
    now,
    logError,
    ...(options.mailTimeoutMs ? { timeoutMs: options.mailTimeoutMs } : {}),
  })
  const dispatch = createDispatcher({
    handlers: createHandlers(ledger, options.platform, payments, liveImports, mail),
    inTurn,
    dataSource: ledger.dataSource,
    events,
    operator: options.platform.operator,
    now,
    logError,
  })
  const work = (): Promise<ScheduledResult> => scheduledWork(ledger.db, events, now)
  const tick = async (): Promise<TickResult> => {
    const result = await runSlot({ db: ledger.db, now, inTurn: dispatch.inTurn, work })
    if (!mailConfigured(readSettingsNow(ledger.db).mail)) return { ...result, mail: null }
    try {
      const sent = await mail.pass({ operator: SCHEDULER })
      const queued = result.remindersQueued + sent.queued
      return { ...result, mail: { ...sent, queued, error: null } }
    } catch (error) {
      // An unreachable server leaves the mail queued; the slot's work is done all the same.
      if (!(error instanceof AppError)) logError('The mail pass after the tick failed', error)
      const message = error instanceof Error ? error.message : String(error)
      const none = { sent: 0, deferred: 0, failed: 0, uncertain: 0 }
      return { ...result, mail: { ...none, queued: result.remindersQueued, error: message } }
    }
  }
  const scheduler = options.runSchedule
    ? new BillingScheduler({
        db: ledger.db,
        now,
        inTurn: dispatch.inTurn,
        work,
        notify: options.platform.notify,
        logError,
      })
    : null
  scheduler?.start()
  if (options.runSchedule) {
    payments.start()
    mail.start()
  }
  const close = async (): Promise<void> => {
    // After the write in hand (a chunk being imported), never in the middle of it.
    await inTurn(() => liveImports.interruptAll())
    await scheduler?.stop()
    await payments.stop()
    await mail.stop()
    detachRetries()
    stopNotices()
    await ledger.close()
  }
  // Usage alerts an import fired: the host shows them as it can (Electron: a desktop notification).
  const stopNotices = events.subscribe((event, payload) => {
    if (event !== 'alerts:fired') return
    const notice = firedNotice((payload as Events['alerts:fired']).alerts)
    if (notice) options.platform.notify(notice.title, notice.body)
  })
  const ledgerWatch = createLedgerWatch(ledger.db, events, { logError })
  return {
    ledger,
    platform: options.platform,
    events,
    watchLedger: ledgerWatch.watch,
    dispatch,
    payments,
    mail,
    tick,
    close,
  }
}
