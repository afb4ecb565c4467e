import type { Ledger } from '../db/ledger'
import type { HandlersFor } from '../ipc/handlers-types'
import { accountingExport } from './accounting-export'

/** Read-only exports that span areas (invoices and payments): queries, nothing to audit. */
export const exportsHandlers = (ledger: Ledger): HandlersFor<'exports'> => ({
  'exports:accounting': (input) => Promise.resolve(accountingExport(ledger.db, input)),
})
