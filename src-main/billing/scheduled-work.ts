import type Database from 'better-sqlite3'
import type { BillingRunResult } from '../../src-shared/domain/billing'
import { expireCredits } from '../credits/credit-ledger'
import type { EventBus } from '../ipc/event-bus'
import { finalizeDue, type NotFinalized } from '../invoices/lifecycle'
import { readSettingsNow } from '../settings/settings-service'
import { advanceLifecycle } from '../subscriptions/lifecycle'
import { runBilling } from './run'

/** Who the audit log names for what the schedule does. */
export const SCHEDULER = 'scheduler'

/** A scheduled slot's outcome: its billing run, and the drafts that could not be finalized. */
export type ScheduledResult = BillingRunResult & { unfinalized: NotFinalized[] }

/**
 * What happens at a scheduled slot, in order: drafts past their grace period are finalized,
 * expired credits are written off, subscriptions move on (trials end, overdue invoices make them
 * past due, cancellations take effect), and then billing runs for each subscription's due period.
 */
export const scheduledWork = async (
  db: Database.Database,
  events: EventBus,
  now: () => Date,
): Promise<ScheduledResult> => {
  const options = { now: now(), operator: SCHEDULER }
  const unfinalized = db
    .transaction(() => {
      const { failed } = finalizeDue(db, options)
      expireCredits(db, options)
      advanceLifecycle(db, { ...options, timeZone: readSettingsNow(db).businessTimeZone })
      return failed
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
  return { ...run, unfinalized }
}
