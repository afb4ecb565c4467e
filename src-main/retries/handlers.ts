import type { ProcessResult } from '../../src-shared/domain/payments'
import type { Ledger } from '../db/ledger'
import { AppError } from '../errors'
import type { HandlersFor } from '../ipc/handlers-types'

export type RetriesDeps = {
  /** One pass over the outbox and the due retries (the payments processor). */
  process: (options: { takeAll: boolean }) => Promise<ProcessResult>
}

const notYet = (): never => {
  throw new AppError('internal', 'The retry queue is not available yet.')
}

/** The retry queue: failure records, the admin's actions on them, and the report. */
export const retriesHandlers = (ledger: Ledger, deps: RetriesDeps): HandlersFor<'retries'> => {
  void ledger
  return {
    'retries:list': async () => notYet(),
    'retries:get': async () => notYet(),
    'retries:act': async () => notYet(),
    'retries:process': (input) => deps.process({ takeAll: input.now ?? false }),
    'retries:report': async () => notYet(),
    'retries:report-csv': async () => notYet(),
    'retries:summary': async () => notYet(),
  }
}
