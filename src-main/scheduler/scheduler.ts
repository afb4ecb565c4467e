import type Database from 'better-sqlite3'
import { Cron } from 'croner'
import type { BillingRunResult } from '../../src-shared/domain/billing'
import type { FinalizeWarning } from '../../src-shared/domain/documents'
import type { Settings } from '../../src-shared/domain/settings'
import type { ScheduleStatus } from '../../src-shared/ipc/contract'
import type { NotFinalized } from '../invoices/lifecycle'
import { readSettingsNow } from '../settings/settings-service'

const SCHEDULE = 'billing'
/** How often the app looks at the clock: slots are a month apart; a minute late is on time. */
const TICK_MS = 60_000

/** The schedule's slots as a cron expression in the business time zone (croner does the calendar). */
const cronOf = (settings: Settings): Cron => {
  const { dayOfMonth, time } = settings.billingSchedule
  const [hours = '0', minutes = '0'] = time.split(':')
  return new Cron(`${Number(minutes)} ${Number(hours)} ${dayOfMonth} * *`, {
    timezone: settings.businessTimeZone,
    paused: true,
  })
}

/** The latest slot at or before `now`: the run that should have happened last. */
export const latestSlot = (settings: Settings, now: Date): Date | null =>
  cronOf(settings).previousRuns(1, new Date(now.getTime() + 1))[0] ?? null

export const nextSlot = (settings: Settings, now: Date): Date | null =>
  cronOf(settings).nextRun(now)

type StateRow = { last_slot: string; last_run_id: string | null }

const readState = (db: Database.Database): StateRow | undefined =>
  db
    .prepare<[string], StateRow>('SELECT last_slot, last_run_id FROM schedule_state WHERE name = ?')
    .get(SCHEDULE)

const writeState = (db: Database.Database, slot: Date, runId: string | null, now: Date): void => {
  db.prepare(
    `INSERT INTO schedule_state (name, last_slot, last_run_id, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET last_slot = excluded.last_slot,
       last_run_id = excluded.last_run_id, updated_at = excluded.updated_at`,
  ).run(SCHEDULE, slot.toISOString(), runId, now.toISOString())
}

export const scheduleStatus = (db: Database.Database, now: Date): ScheduleStatus => {
  const settings = readSettingsNow(db)
  const state = readState(db)
  const enabled = settings.billingSchedule.enabled
  return {
    enabled,
    next: enabled ? (nextSlot(settings, now)?.toISOString() ?? null) : null,
    lastSlot: state?.last_slot ?? null,
    lastRunId: state?.last_run_id ?? null,
  }
}

/**
 * One slot's work, now: in the app's write turn like any other writer, and, with a schedule set,
 * the latest slot recorded as done, so an app opened afterwards does not run it again. The in-app
 * schedule runs its slots through this, and so does `meterbook tick` for an OS scheduler.
 */
export const runSlot = async <R extends BillingRunResult>(
  deps: Pick<SchedulerDeps, 'db' | 'now' | 'inTurn'> & { work: () => Promise<R> },
): Promise<R> => {
  const { db, now, inTurn, work } = deps
  const result = await inTurn(work)
  const settings = readSettingsNow(db)
  const slot = settings.billingSchedule.enabled ? latestSlot(settings, now()) : null
  const done = readState(db)?.last_slot
  if (slot && (done === undefined || done < slot.toISOString()))
    writeState(db, slot, result.id, now())
  return result
}

export type SchedulerDeps = {
  db: Database.Database
  now: () => Date
  /** Runs the scheduled work in the app's write turn, like any other writer. */
  inTurn: <T>(work: () => Promise<T>) => Promise<T>
  /** The scheduled work itself: housekeeping and a billing run. */
  work: () => Promise<
    BillingRunResult & {
      unfinalized?: readonly NotFinalized[]
      finalizeWarnings?: readonly FinalizeWarning[]
    }
  >
  notify: (title: string, body: string) => void
  logError: (message: string, error: unknown) => void
}

/** Which drafts past their grace period stay drafts, and why (the first three). */
const unfinalizedText = (drafts: readonly NotFinalized[]): string => {
  const named = drafts.slice(0, 3).map((d) => `${d.customerId}: ${d.message}`)
  const more = drafts.length > 3 ? `; and ${drafts.length - 3} more` : ''
  return `${drafts.length} ${drafts.length === 1 ? 'draft' : 'drafts'} past the grace period could not be finalized and will be tried again at the next slot. ${named.join('; ')}${more}`
}

/**
 * Runs billing on the schedule set in Settings while the app is open. It looks at the clock every
 * minute rather than arming a timer for the slot, so a laptop that slept through the slot, a
 * changed schedule or a changed clock all come out right: whenever the latest slot is newer than
 * the last one done, the run happens, which is also how a slot missed while the app was closed
 * is caught up at the next start. The first time the schedule is seen, its latest slot is only
 * recorded: enabling a schedule does not bill at once for a slot that passed before.
 */
export class BillingScheduler {
  readonly #deps: SchedulerDeps
  #timer: ReturnType<typeof setInterval> | null = null
  #running: Promise<void> | null = null
  /** A slot whose run failed: tried again at the next start, not every minute until then. */
  #failedSlot: string | null = null

  constructor(deps: SchedulerDeps) {
    this.#deps = deps
  }

  start(): void {
    if (this.#timer) return
    void this.tick()
    this.#timer = setInterval(() => void this.tick(), TICK_MS)
    this.#timer.unref()
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    await this.#running
  }

  /** One look at the clock; resolves when any run it started has finished. */
  tick(): Promise<void> {
    this.#running ??= this.#check().finally(() => {
      this.#running = null
    })
    return this.#running
  }

  async #check(): Promise<void> {
    const { db, now, inTurn, work, notify, logError } = this.#deps
    let slot: Date | null = null
    try {
      const settings = readSettingsNow(db)
      if (!settings.billingSchedule.enabled) return
      slot = latestSlot(settings, now())
      if (!slot || slot.toISOString() === this.#failedSlot) return
      const state = readState(db)
      if (!state) return writeState(db, slot, null, now())
      if (state.last_slot >= slot.toISOString()) return
      const result = await runSlot({ db, now, inTurn, work })
      notify(
        'Billing run finished',
        `${result.invoices} invoices drafted (${result.created} new, ${result.updated} updated), ${result.failed} periods unbilled.`,
      )
      const unfinalized = result.unfinalized ?? []
      if (unfinalized.length > 0) notify('Drafts not finalized', unfinalizedText(unfinalized))
      const warnings = result.finalizeWarnings ?? []
      if (warnings.length > 0) {
        const first = warnings.slice(0, 3).map((w) => `${w.customerId}: ${w.message}`)
        notify(
          'Invoices finalized with warnings',
          `${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'} on the invoices finalized at this slot. ${first.join('; ')}`,
        )
      }
    } catch (error) {
      this.#failedSlot = slot?.toISOString() ?? null
      logError('The scheduled billing run failed', error)
      notify('Billing run failed', error instanceof Error ? error.message : String(error))
    }
  }
}
