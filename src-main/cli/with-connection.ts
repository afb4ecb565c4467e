import type { Channel } from '../../src-shared/ipc/contract'
import { openConnection, type LedgerConnection } from '../db/connection'
import { osUser } from '../platform/node-platform'
import { cliIdentityNow } from './cli-operator'
import { cliLedgerKey } from './ledger-key'
import { restoreUnlessImporting } from '../usage/customer-index'
import { markInterruptedImports } from '../usage/interrupted'

/**
 * Opens the ledger's connection alone, for a command that needs nothing more (a usage import):
 * no ORM and no services to load, so it starts sooner. Closed however the command ends. `acts`:
 * the channel the command does the work of, whose role the operator must have.
 */
export const withConnection = async <T>(
  ledgerPath: string,
  acts: Channel,
  run: (ledger: LedgerConnection & { operator: string }) => Promise<T>,
  /** The passphrase, where the command knows better than the environment (ledger encrypt). */
  key?: string | null,
): Promise<T> => {
  const ledger = openConnection(
    ledgerPath,
    undefined,
    key === undefined ? await cliLedgerKey(ledgerPath) : key,
  )
  try {
    const { name: operator } = await cliIdentityNow(ledger.db, osUser(), acts)
    // As the app does at its start: an import whose process died is marked interrupted, and
    // the customer index it dropped is built again.
    markInterruptedImports(ledger, { operator })
    restoreUnlessImporting(ledger.db)
    return await run({ ...ledger, operator })
  } finally {
    ledger.db.close()
  }
}
