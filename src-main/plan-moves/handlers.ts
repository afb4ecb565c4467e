import type { Ledger } from '../db/ledger'
import type { HandlersFor } from '../ipc/handlers-types'
import { applyMove } from './apply'
import { planMove } from './preview'

/**
 * Moving a plan's subscribers between versions. Its own area because it sits above billing: the
 * preview re-prices periods with the billing calculation, and the move redrafts open drafts.
 */
export const planMovesHandlers = (ledger: Ledger): HandlersFor<'plan-moves'> => ({
  'plan-moves:preview': (input) => Promise.resolve(planMove(ledger.db, input).preview),
  'plan-moves:apply': (input, ctx) =>
    applyMove(ledger.db, ctx.db, input, {
      now: ctx.now(),
      operator: ctx.operator,
      audit: ctx.audit,
    }),
})
