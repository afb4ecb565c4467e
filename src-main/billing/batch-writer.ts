import { existsSync } from 'node:fs'
import type { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import type { RunItem } from '../../src-shared/domain/billing'
import { builtWorker, startWorker } from '../worker-threads'
import { batchWriter, type BatchWrite } from './batch-write'
import { keyOf } from '../db/sqlite-open'

/** Writes a run's batches, in the order given. */
export type BatchWriter = {
  /** Where the writes happen. */
  kind: 'worker' | 'thread'
  write: (batch: BatchWrite) => Promise<RunItem[]>
  close: () => Promise<void>
}

type Answer = { ok: true; items: RunItem[] } | { ok: false; message: string }

const inThread = (db: Database.Database): BatchWriter => {
  const write = batchWriter(db)
  // Written at once; a failure comes back as the promise's rejection, as from the worker.
  return {
    kind: 'thread',
    write: (batch) => {
      try {
        return Promise.resolve(write(batch))
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)))
      }
    },
    close: () => Promise.resolve(),
  }
}

const inWorker = (worker: Worker): BatchWriter => {
  const waiting: { resolve: (items: RunItem[]) => void; reject: (error: Error) => void }[] = []
  const failAll = (error: Error): void => {
    for (const w of waiting.splice(0)) w.reject(error)
  }
  worker.on('message', (answer: Answer) => {
    const next = waiting.shift()
    if (answer.ok) next?.resolve(answer.items)
    else next?.reject(new Error(answer.message))
  })
  worker.on('error', failAll)
  worker.on('exit', (code) => failAll(new Error(`The billing writer stopped (exit code ${code}).`)))
  return {
    kind: 'worker',
    write: (batch) =>
      new Promise((resolve, reject) => {
        waiting.push({ resolve, reject })
        worker.postMessage(batch)
      }),
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
