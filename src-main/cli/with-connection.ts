import { openConnection, type LedgerConnection } from '../db/connection'
import { osUser } from '../platform/node-platform'
import { restoreUnlessImporting } from '../usage/customer-index'
import { markInterruptedImports } from '../usage/interrupted'

/**
 * Opens the ledger's connection alone, for a command that needs nothing more (a usage import):
 * no ORM and no services to load, so it starts sooner. Closed however the command ends.
 */
export const withConnection = async <T>(
  ledgerPath: string,
  run: (ledger: LedgerConnection & { operator: string }) => Promise<T>,
): Promise<T> => {
  const ledger = openConnection(ledgerPath)
  const operator = osUser()
  try {
    // As the app does at its start: an import whose process died is marked interrupted, and
    // the customer index it dropped is built again.
    markInterruptedImports(ledger, { operator })
    restoreUnlessImporting(ledger.db)
    return await run({ ...ledger, operator })
  } finally {
    ledger.db.close()
  }
}
