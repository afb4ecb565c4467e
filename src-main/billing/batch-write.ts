import type Database from 'better-sqlite3'
import type { RunItem } from '../../src-shared/domain/billing'
import { withoutForeignKeyChecks } from '../db/foreign-keys'
import { DraftStore, type DraftToWrite } from './draft-store'
import { heartbeat } from './lock'
import { insertItems } from './runs-store'
import type { CustomerRange } from './subscriptions'
import { UsageSource, type SumsPart } from './usage-source'

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

/** What writing a batch did to each item's draft, by position: null where it had none. */
export type Written = ({ outcome: RunItem['outcome']; invoiceId: number } | null)[]

/** The run items completed with what writing their drafts did: the outcome and the invoice. */
export const withOutcomes = (items: RunItem[], written: Written): RunItem[] =>
  items.map((item, i) => {
    const result = written[i]
    return result ? { ...item, ...result } : item
  })

const writeDrafts = (
  store: DraftStore,
  drafts: (DraftToWrite | null)[],
  stamp: { runId: string | null; now: Date },
): Written => {
  const results = store.write(
    drafts.filter((d): d is DraftToWrite => d !== null),
    stamp,
  )
  let next = 0
  return drafts.map((draft) => (draft ? (results[next++] ?? null) : null))
}

/**
 * Writes planned drafts and completes their run items with the outcome and invoice: for each
 * item, its draft (by position) if it has one, else the item as planned.
 */
export const writePlanned = (
  store: DraftStore,
  planned: { items: RunItem[]; drafts: (DraftToWrite | null)[] },
  stamp: { runId: string | null; now: Date },
): RunItem[] => withOutcomes(planned.items, writeDrafts(store, planned.drafts, stamp))

/**
 * A writer of whole batches on a connection: the drafts, the run items and the lock's heartbeat
 * in one transaction, so a run killed midway keeps exactly the batches it finished. It answers
 * what it wrote, not the items: the run has those (and, across threads, copying them back would
 * cost the run's busier thread).
 */
export const batchWriter = (db: Database.Database): ((batch: BatchWrite) => Written) => {
  const store = new DraftStore(db)
  // The run's subscriptions, customers and run row were read or written before its batches.
  return (batch) =>
    withoutForeignKeyChecks(db, () =>
      db
        .transaction(() => {
          const written = writeDrafts(store, batch.drafts, {
            runId: batch.runId,
            now: batch.startedAt,
          })
          insertItems(db, batch.runId, withOutcomes(batch.items, written))
          heartbeat(db, batch.lock.name, batch.lock.holder, batch.at)
          return written
        })
        .immediate(),
    )
}

/** What the writer's thread is asked (write-worker.ts), and answers, one at a time in order. */
export type Request =
  | { kind: 'write'; batch: BatchWrite }
  | { kind: 'sums'; window: SumsPart['window']; customers: CustomerRange }
export type Answer =
  { ok: true; written: Written } | { ok: true; part: SumsPart } | { ok: false; message: string }

/** Answers a request on a connection: the worker's, or the run's own. */
export const answering = (db: Database.Database): ((request: Request) => Answer) => {
  const write = batchWriter(db)
  const usage = new UsageSource(db)
  return (request) =>
    request.kind === 'write'
      ? { ok: true, written: write(request.batch) }
      : { ok: true, part: usage.read(request.window, request.customers) }
}
