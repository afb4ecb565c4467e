import type { Ledger } from '../db/ledger'
import { getPlan } from '../catalog/plans'
import type { HandlersFor } from '../ipc/handlers-types'
import { whatIf } from './what-if'

/**
 * A draft's what-if: its own area because it sits above billing (it re-prices billed periods with
 * the billing calculation) and reads the catalog's draft, which billing never sees.
 */
export const whatIfHandlers = (ledger: Ledger): HandlersFor<'what-if'> => ({
  'what-if:draft': async ({ planId, version }, { db }) =>
    whatIf(ledger.db, await getPlan(db, planId), version),
})
