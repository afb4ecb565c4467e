import { existsSync } from 'node:fs'
import type { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import type { RunItem } from '../../src-shared/domain/billing'
import { builtWorker, startWorker } from '../worker-threads'
import { answering, withOutcomes, type Answer, type BatchWrite, type Request } from './batch-write'
import { keyOf } from '../db/sqlite-open'
import type { CustomerRange } from './subscriptions'
import type { SumsPart } from './usage-source'

type Window = SumsPart['window']

/**
 * Writes a run's batches, in the order given, and reads the usage sums of the batches to come
 * (in the same order as the writes asked for before them).
 */
export type BatchWriter = {
  /** Where the writes happen. */
  kind: 'worker' | 'thread'
  write: (batch: BatchWrite) => Promise<RunItem[]>
  sums: (window: Window, customers: CustomerRange) => Promise<SumsPart>
  close: () => Promise<void>
}

/** What a request's answer gives the run: the batch's items completed, or the sums. */
type Asked<R extends Request> = R extends { kind: 'write' } ? RunItem[] : SumsPart

const given = <R extends Request>(request: R, answer: Answer): Asked<R> => {
  if (!answer.ok) throw new Error(answer.message)
  if ('written' in answer && request.kind === 'write')
    return withOutcomes(request.batch.items, answer.written) as Asked<R>
  if ('part' in answer) return answer.part as Asked<R>
  throw new Error('The billing writer answered another question.')
}

/** A writer on the run's own connection: each request is answered at once. */
const inThread = (db: Database.Database): BatchWriter => {
  const answer = answering(db)
  // A failure comes back as the promise's rejection, as from the worker.
  const ask = <R extends Request>(request: R): Promise<Asked<R>> => {
    try {
      return Promise.resolve(given(request, answer(request)))
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }
  return {
    kind: 'thread',
    write: (batch) => ask({ kind: 'write', batch }),
    sums: (window, customers) => ask({ kind: 'sums', window, customers }),
    close: () => Promise.resolve(),
  }
}

const inWorker = (worker: Worker): BatchWriter => {
  const waiting: { settle: (answer: Answer) => void; reject: (error: Error) => void }[] = []
  const failAll = (error: Error): void => {
    for (const w of waiting.splice(0)) w.reject(error)
  }
  worker.on('message', (answer: Answer) => waiting.shift()?.settle(answer))
  worker.on('error', failAll)
  worker.on('exit', (code) => failAll(new Error(`The billing writer stopped (exit code ${code}).`)))
  const ask = <R extends Request>(request: R): Promise<Asked<R>> =>
    new Promise((resolve, reject) => {
      waiting.push({
        settle: (answer) => {
          try {
            resolve(given(request, answer))
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)))
          }
        },
        reject,
      })
      worker.postMessage(request)
    })
  return {
    kind: 'worker',
    write: (batch) => ask({ kind: 'write', batch }),
    sums: (window, customers) => ask({ kind: 'sums', window, customers }),
    close: async () => {
      await worker.terminate()
    },
  }
}

/**
 * Where a billing run writes its batches. Planning a batch (pricing, mostly) and writing one
 * (SQLite, mostly) take about as long, so on a ledger file the writes go to a worker thread with
 * its own connection while the run plans the next batch: the two overlap. That is safe because
 * no subscription's inputs depend on another's writes in the same run (a customer has one
 * subscription, by a unique index; a subscription billed for several periods has them in separate
 * rounds, each written before the next is planned: run.ts). In memory
 * (tests), from the sources (no built worker) or where no worker starts, the run writes itself.
 */
export const openBatchWriter = async (
  db: Database.Database,
  workerFile = builtWorker('billing-writer'),
): Promise<BatchWriter> => {
  if (db.memory || !existsSync(workerFile)) return inThread(db)
  const worker = await startWorker(workerFile, { path: db.name, key: keyOf(db) })
  return worker ? inWorker(worker) : inThread(db)
}
