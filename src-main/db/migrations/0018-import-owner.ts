import type { Migration } from '../migrate'
import { importOwnerPg } from './postgres/0018-import-owner'

/**
 * The process that runs an import (`host#pid#start`, db/process-owner.ts), so any process that
 * opens the ledger can tell an import whose process died (mark it interrupted) from one another
 * live process is running (leave it alone). NULL for imports recorded before: their owner is
 * unknown, and they are treated as ended with the process that began them.
 */
export const importOwner: Migration = {
  id: 18,
  name: '0018-import-owner',
  postgres: importOwnerPg,
  sql: `ALTER TABLE usage_import ADD COLUMN owner TEXT;`,
}
