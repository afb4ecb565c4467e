import { hostname } from 'node:os'
import type Database from 'better-sqlite3'
import { AppError } from '../errors'

/** A holder that has not refreshed its heartbeat for this long is taken to have died. */
const STALE_MS = 2 * 60_000

/** Who holds a lock: this machine, this process, and the run it is doing. */
export const holderName = (runId: string): string => `${hostname()}#${process.pid}#${runId}`

const parseHolder = (holder: string) => {
  const [host = '', pid = '', runId = ''] = holder.split('#')
  return { host, pid: Number(pid), runId }
}

/** A process on this machine that no longer exists cannot hold anything. */
const holderAlive = (holder: string): boolean => {
  const { host, pid } = parseHolder(holder)
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes a named lock held in the ledger itself, so the desktop app and a CLI run sharing the file
 * never bill at the same time. A lock left by a dead process (killed mid-run, or silent for too
 * long) is taken over, and the run it belonged to is returned so it can be marked interrupted.
 */
export const acquireLock = (
  db: Database.Database,
  name: string,
  holder: string,
  now: Date,
): { tookOverFrom: string | null } =>
  db
    .transaction(() => {
      const row = db
        .prepare<[string], { holder: string; acquired_at: string; heartbeat_at: string }>(
          'SELECT holder, acquired_at, heartbeat_at FROM ledger_lock WHERE name = ?',
        )
        .get(name)
      if (row) {
        const fresh = now.getTime() - new Date(row.heartbeat_at).getTime() < STALE_MS
        if (fresh && holderAlive(row.holder)) {
          const { host, pid } = parseHolder(row.holder)
          throw new AppError(
            'conflict',
            `A billing run is already in progress (since ${row.acquired_at}, process ${pid} on ${host}). Wait for it to finish.`,
          )
        }
      }
      db.prepare(
        `INSERT INTO ledger_lock (name, holder, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,
           acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at`,
      ).run(name, holder, now.toISOString(), now.toISOString())
      return { tookOverFrom: row ? parseHolder(row.holder).runId : null }
    })
    .immediate()

export const heartbeat = (db: Database.Database, name: string, holder: string, now: Date): void => {
  db.prepare('UPDATE ledger_lock SET heartbeat_at = ? WHERE name = ? AND holder = ?').run(
    now.toISOString(),
    name,
    holder,
  )
}

export const releaseLock = (db: Database.Database, name: string, holder: string): void => {
  db.prepare('DELETE FROM ledger_lock WHERE name = ? AND holder = ?').run(name, holder)
}
