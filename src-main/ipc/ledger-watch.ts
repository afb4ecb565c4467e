import type Database from 'better-sqlite3'
import type { EventBus } from './event-bus'

/** How often an open page's ledger is checked for another process's writes. */
export const LEDGER_WATCH_MS = 2_000

export type LedgerWatch = {
  /** Starts watching (counted per caller, e.g. each open event stream); returns the release. */
  watch: () => () => void
  /** One check now: announces `ledger:changed` when another connection committed since the last. */
  check: () => void
}

/**
 * Writes by another process on the same ledger file (the CLI, a second app) never pass through
 * this process's event bus, so open pages would keep showing what they loaded. SQLite's
 * `data_version` changes exactly when another connection commits, and reading it is a cheap
 * pragma, so it is polled only while someone is watching and announced as `ledger:changed`
 * (with the latest audit id) for the renderer to refresh what it shows.
 */
export const createLedgerWatch = (
  db: Database.Database,
  events: EventBus,
  options: { intervalMs?: number; logError: (message: string, error: unknown) => void },
): LedgerWatch => {
  const version = (): number => db.pragma('data_version', { simple: true }) as number
  let seen = version()
  let watchers = 0
  let timer: NodeJS.Timeout | undefined

  const check = (): void => {
    const now = version()
    if (now === seen) return
    seen = now
    const latestAuditId =
      db.prepare<[], number | null>('SELECT max(id) FROM audit_entry').pluck().get() ?? 0
    events.emit('ledger:changed', { latestAuditId })
  }

  const watch = (): (() => void) => {
    watchers += 1
    if (watchers === 1) {
      // Whatever happened while nobody watched is on screen once a page loads: start from now.
      seen = version()
      timer = setInterval(() => {
        try {
          check()
        } catch (error) {
          options.logError('ledger watch failed', error)
        }
      }, options.intervalMs ?? LEDGER_WATCH_MS)
      timer.unref()
    }
    let released = false
    return () => {
      if (released) return
      released = true
      watchers -= 1
      if (watchers === 0) clearInterval(timer)
    }
  }

  return { watch, check }
}
