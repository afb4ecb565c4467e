import { openConnection, type LedgerConnection } from '../db/connection'
import { osUser } from '../platform/node-platform'
import { restoreUnlessImporting } from '../usage/customer-index'

/**
 * Opens the ledger's connection alone, for a command that needs nothing more (a usage import):
 * no ORM and no services to load, so it starts sooner. Closed however the command ends.
 */
export const withConnection = async <T>(
  ledgerPath: string,
  run: (ledger: LedgerConnection & { operator: string }) => Promise<T>,
): Promise<T> => {
  const ledger = openConnection(ledgerPath)
  try {
    // As the app does at its start: an import that died half-way left the index to build.
    restoreUnlessImporting(ledger.db)
    return await run({ ...ledger, operator: osUser() })
  } finally {
    ledger.db.close()
  }
}
