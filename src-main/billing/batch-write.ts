import type Database from 'better-sqlite3'
import type { RunItem } from '../../src-shared/domain/billing'
import { withoutForeignKeyChecks } from '../db/foreign-keys'
import { DraftStore, type DraftToWrite } from './draft-store'
import { heartbeat } from './lock'
import { insertItems } from './runs-store'

/**
 * One batch of a billing run as plain values: its run items, each with the draft to write (if
 * any). Plain, so that it can be handed to another thread (batch-writer.ts).
 */
export type BatchWrite = {
  runId: string
  /** The run's lock, whose heartbeat the batch refreshes. */
  lock: { name: string; holder: string }
  /** When the run started: the drafts' timestamp. */
  startedAt: Date
  /** When the batch was planned: the heartbeat. */
  at: Date
  items: RunItem[]
  drafts: (DraftToWrite | null)[]
}

/**
 * Writes planned drafts and completes their run items with the outcome and invoice: for each
 * item, its draft (by position) if it has one, else the item as planned.
 */
export const writePlanned = (
  store: DraftStore,
  planned: { items: RunItem[]; drafts: (DraftToWrite | null)[] },
  stamp: { runId: string | null; now: Date },
): RunItem[] => {
  const drafts = planned.drafts.filter((d): d is DraftToWrite => d !== null)
  const written = store.write(drafts, stamp)
  let next = 0
  return planned.items.map((item, i) => {
    if (!planned.drafts[i]) return item
    const result = written[next++]
    return result ? { ...item, ...result } : item
  })
}

/**
 * A writer of whole batches on a connection: the drafts, the run items and the lock's heartbeat
 * in one transaction, so a run killed midway keeps exactly the batches it finished.
 */
export const batchWriter = (db: Database.Database): ((batch: BatchWrite) => RunItem[]) => {
  const store = new DraftStore(db)
  // The run's subscriptions, customers and run row were read or written before its batches.
  return (batch) =>
    withoutForeignKeyChecks(db, () =>
      db
        .transaction(() => {
          const done = writePlanned(store, batch, { runId: batch.runId, now: batch.startedAt })
          insertItems(db, batch.runId, done)
          heartbeat(db, batch.lock.name, batch.lock.holder, batch.at)
          return done
        })
        .immediate(),
    )
}
