import type { Ledger } from '../db/ledger'
import { auditState, getImport, writeAudit } from './import-store'

/**
 * At start-up, imports still `running` were cut off by a crash or a kill: their committed
 * batches stay (re-running the file stores the rest and counts the stored rows as duplicates);
 * rows an all-or-nothing import had only staged are dropped. Each is marked `interrupted`, with
 * an audit entry, and the number of them returned.
 *
 * Call it only where no other process may be importing into the same ledger at that moment: an
 * import running in another process (the CLI beside the desktop app) would be marked too. That
 * import then stops at its next batch, rolled back, rather than writing under a wrong status.
 */
export const markInterruptedImports = (
  ledger: Pick<Ledger, 'db'>,
  options: { now?: () => Date; operator?: string } = {},
): number => {
  const { db } = ledger
  const now = options.now ?? (() => new Date())
  const running = db
    .prepare<[], string>("SELECT id FROM usage_import WHERE status = 'running' ORDER BY started_at")
    .pluck()
    .all()
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
