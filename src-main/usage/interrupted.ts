import type { Ledger } from '../db/ledger'
import { ownerAlive } from '../db/process-owner'
import { auditState, getImport, writeAudit } from './import-store'

/**
 * At start-up of anything that opens the ledger, imports still `running` whose process is gone
 * were cut off by a crash or a kill: their committed batches stay (re-running the file stores
 * the rest and counts the stored rows as duplicates); rows an all-or-nothing import had only
 * staged are dropped. Each is marked `interrupted`, with an audit entry, and the number of them
 * returned. An import another live process runs (the CLI beside the desktop app) is left alone:
 * its row names its owner (db/process-owner.ts), and rows from before owners were recorded
 * belong to a process of an older build, long gone.
 */
export const markInterruptedImports = (
  ledger: Pick<Ledger, 'db'>,
  options: {
    now?: () => Date
    operator?: string
    /** Whether an owner's process still runs; tests stand in a dead one. */
    alive?: (owner: string) => boolean
  } = {},
): number => {
  const { db } = ledger
  const alive = options.alive ?? ownerAlive
  const now = options.now ?? (() => new Date())
  const running = db
    .prepare<[], { id: string; owner: string | null }>(
      "SELECT id, owner FROM usage_import WHERE status = 'running' ORDER BY started_at",
    )
    .all()
    .filter((row) => row.owner === null || !alive(row.owner))
    .map((row) => row.id)
  for (const id of running) {
    db.transaction(() => {
      const at = now().toISOString()
      db.prepare('DELETE FROM usage_staging WHERE import_id = ?').run(id)
      const changed = db
        .prepare(
          "UPDATE usage_import SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'",
        )
        .run(at, id).changes
      if (changed === 0) return
      writeAudit(db, {
        at,
        operator: options.operator ?? 'meterbook',
        action: 'usage:import-interrupted',
        entityId: id,
        before: { status: 'running' },
        after: auditState(getImport(db, id)),
      })
    }).immediate()
  }
  return running.length
}
