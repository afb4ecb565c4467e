import type { FinalizeWarning } from '../../src-shared/domain/documents'
import type Database from 'better-sqlite3'
import type { BillingRunResult } from '../../src-shared/domain/billing'
import { expireCreditsReported, type ExpiredCredit } from '../credits/credit-ledger'
import type { EventBus } from '../ipc/event-bus'
import { finalizeDue, type Finalized, type NotFinalized } from '../invoices/lifecycle'
import { readSettingsNow } from '../settings/settings-service'
import { advanceLifecycle, type LifecycleMove } from '../subscriptions/lifecycle'
import { runBilling } from '../billing/run'
import { queueReminders } from '../mail/queue'

/** Who the audit log names for what the schedule does. */
export const SCHEDULER = 'scheduler'

/**
 * A scheduled slot's outcome: its billing run, the drafts finalized and those that could not be,
 * the credit that expired and the subscriptions' status changes.
 */
export type ScheduledResult = BillingRunResult & {
  finalized: Finalized[]
  /** What the finalized documents went out with (empty seller details, a region without a rate). */
  finalizeWarnings: FinalizeWarning[]
  unfinalized: NotFinalized[]
  creditsExpired: ExpiredCredit[]
  transitions: LifecycleMove[]
  /** Payment reminders queued for email (due, overdue, failed), delivered after the slot. */
  remindersQueued: number
}

/**
 * What happens at a scheduled slot, in order: drafts past their grace period are finalized,
 * expired credits are written off, subscriptions move on (trials end, overdue invoices make them
 * past due, cancellations take effect), and then billing runs for every ended period not yet
 * invoiced (a catch-up after the app was closed), each subscription's oldest first. Payment
 * reminders due today are queued for email with the housekeeping (mail/queue.ts).
 */
export const scheduledWork = async (
  db: Database.Database,
  events: EventBus,
  now: () => Date,
): Promise<ScheduledResult> => {
  const options = { now: now(), operator: SCHEDULER }
  const housekeeping = db
    .transaction(() => {
      const { finalized, failed, warnings } = finalizeDue(db, options)
      const { expired } = expireCreditsReported(db, options)
      const transitions: LifecycleMove[] = []
      advanceLifecycle(db, {
        ...options,
        timeZone: readSettingsNow(db).businessTimeZone,
        onMove: (move) => transitions.push(move),
      })
      // After the lifecycle: an invoice finalized above is reminded from its own due date.
      const reminders = queueReminders(db, options)
      return {
        remindersQueued: reminders.queued,
        finalized,
        finalizeWarnings: warnings,
        unfinalized: failed,
        creditsExpired: expired,
        transitions,
      }
    })
    .immediate()
  const run = await runBilling(db, {
    dryRun: false,
    trigger: 'schedule',
    operator: SCHEDULER,
    now,
    onProgress: (progress) => events.emit('billing:run-progress', progress),
    onAudit: (id, action) => events.emit('audit:appended', { id, action }),
    onFinished: (finished) => events.emit('billing:run-finished', finished),
  })
  return { ...run, ...housekeeping }
}
