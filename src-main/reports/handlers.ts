import type { Ledger } from '../db/ledger'
import type { HandlersFor } from '../ipc/handlers-types'
import { agedReceivables } from './aged-receivables'
import { reportFile } from './report-files'
import { usageBillingReport } from './usage-billing'

/** Reports read across invoices, payments, credits and usage: queries, nothing to audit. */
export const reportsHandlers = (ledger: Ledger): HandlersFor<'reports'> => ({
  'reports:usage-billing': (input) => Promise.resolve(usageBillingReport(ledger.db, input)),
  'reports:aged-receivables': (input) => Promise.resolve(agedReceivables(ledger.db, input)),
  'reports:file': (input, ctx) => reportFile(ledger.db, input, { now: ctx.now() }),
})
