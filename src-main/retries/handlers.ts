import type { ProcessResult } from '../../src-shared/domain/payments'
import type { Ledger } from '../db/ledger'
import type { HandlersFor } from '../ipc/handlers-types'
import { act } from './actions'
import { failureById } from './failure-rows'
import { listFailures, summary } from './queries'
import { failureReport, reportCsv } from './report'

export type RetriesDeps = {
  /** One pass over the outbox and the due retries (the payments processor). */
  process: (options: { takeAll: boolean; operator?: string }) => Promise<ProcessResult>
}

/**
 * The retry queue: failure records, the admin's actions on them, and the report. The services
 * work synchronously on the ledger's raw connection, which inside `retries:act` is the
 * dispatcher's transaction: a refused step rolls the whole action back.
 */
export const retriesHandlers = (ledger: Ledger, deps: RetriesDeps): HandlersFor<'retries'> => {
  const { db } = ledger
  return {
    'retries:list': (query, ctx) => Promise.resolve(listFailures(db, query, ctx.now())),
    'retries:get': ({ id }) => Promise.resolve(failureById(db, id)),
    'retries:act': async (input, ctx) => {
      const { audits, ...result } = act(db, input, { now: ctx.now(), operator: ctx.operator })
      for (const entry of audits) await ctx.audit(entry)
      return result
    },
    // The pass's audit entries name whoever asked for it (the signed-in operator).
    'retries:process': (input, ctx) =>
      deps.process({ takeAll: input.now ?? false, operator: ctx.operator }),
    'retries:report': (_input, ctx) => Promise.resolve(failureReport(db, ctx.now())),
    'retries:report-csv': (_input, ctx) => Promise.resolve(reportCsv(failureReport(db, ctx.now()))),
    'retries:summary': () => Promise.resolve(summary(db)),
  }
}
