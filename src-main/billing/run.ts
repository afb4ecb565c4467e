import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type {
  BillingRun,
  BillingRunProgress,
  BillingRunResult,
  BillingRunTrigger,
  PeriodKey,
  RunItem,
} from '../../src-shared/domain/billing'
import { appendAudit } from '../audit/audit-service'
import { restoreCustomerIndex } from '../usage/customer-index'
import { openBatchWriter, type BatchWriter } from './batch-writer'
import { Biller, toWrite, type Planned } from './biller'
import { acquireLock, holderName, releaseLock } from './lock'
import { periodsToBill, type PeriodChoice } from './period-choice'
import { billRound, roundsOf, type Pair } from './run-rounds'
import { insertRun, markInterrupted, saveRun } from './runs-store'
import {
  customerRanges,
  loadInvoicedPeriods,
  loadSubscriptions,
  type BillableSubscription,
} from './subscriptions'
import { windowKey, type SumsPart } from './usage-source'

export const BILLING_LOCK = 'billing'

export type RunOptions = {
  period?: PeriodKey | undefined
  dryRun: boolean
  trigger: BillingRunTrigger
  operator: string
  now: () => Date
  onProgress?: (progress: BillingRunProgress) => void
  /** Ids of the audit entries written, for announcing them. */
  onAudit?: (id: number, action: string) => void
  onFinished?: (run: BillingRun) => void
  /** Subscriptions per transaction; each batch commits on its own, so a killed run keeps them. */
  batchSize?: number
  /** Customers billed at a time (SLICE_CUSTOMERS); tests make it small to cross slices. */
  sliceCustomers?: number
}

const tally = (run: BillingRun, items: RunItem[]): void => {
  for (const item of items) {
    if (item.outcome === 'created') run.created += 1
    else if (item.outcome === 'updated') run.updated += 1
    else if (item.outcome === 'skipped') run.skipped += 1
    else if (item.outcome === 'failed') run.failed += 1
    if (item.outcome === 'skipped' || item.outcome === 'failed') continue
    run.invoices += 1
    run.totals[item.currency] = (run.totals[item.currency] ?? 0) + item.totalMinor
  }
}

/**
 * A billing run: every subscription's due period, computed and written as draft invoices, in
 * batches of their own transactions. Repeatable by construction: an invoice is keyed by
 * (subscription, period start) and rewritten only when its inputs changed, so a re-run or a run
 * resumed after a crash converges to the same invoices. A dry run computes everything and
 * writes nothing (not even its own record). One run at a time, across processes: a lock in the
 * ledger.
 */
export const runBilling = async (
  db: Database.Database,
  options: RunOptions,
): Promise<BillingRunResult> => {
  const started = options.now()
  const run: BillingRun = {
    id: options.dryRun ? `dry-${randomUUID()}` : randomUUID(),
    period: options.period ?? null,
    dryRun: options.dryRun,
    status: 'running',
    trigger: options.trigger,
    operator: options.operator,
    startedAt: started.toISOString(),
    finishedAt: null,
    durationMs: null,
    subscriptions: 0,
    invoices: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    totals: {},
    error: null,
  }
  const holder = holderName(run.id)
  const audit = (action: string, after: BillingRun) => {
    const id = appendAudit(db, {
      at: options.now().toISOString(),
      operator: options.operator,
      action,
      entityType: 'billing_run',
      entityId: run.id,
      before: null,
      after: { ...after, totals: { ...after.totals } },
    })
    options.onAudit?.(id, action)
  }
  if (!run.dryRun) {
    const { tookOverFrom } = acquireLock(db, BILLING_LOCK, holder, started)
    db.transaction(() => {
      if (tookOverFrom) markInterrupted(db, tookOverFrom, started)
      insertRun(db, run)
      audit('billing:run-start', run)
    }).immediate()
    // Usage is read by customer: an import rebuilding that index (usage/customer-index.ts),
    // or one that died doing so, would leave every customer's sums to a pass over all events.
    restoreCustomerIndex(db)
  }
  const items = new RunItems(run.dryRun)
  // The writer's thread boots (about 0.15 s) while the run reads what it bills.
  const opening = run.dryRun ? Promise.resolve(null) : openBatchWriter(db)
  try {
    const biller = new Biller(db, {
      now: started,
      runId: run.dryRun ? null : run.id,
      dryRun: run.dryRun,
    })
    const progress = { done: 0, total: countSubscriptions(db) }
    const slice = options.sliceCustomers ?? SLICE_CUSTOMERS
    // The writes still going on: a range's customers are laid out while the one before is written.
    const pending: Promise<void>[] = []
    try {
      // A small first range, so the writer has its first batch soon.
      for (const customers of customerRanges(db, slice, Math.min(slice, FIRST_SLICE))) {
        // In customer order (one subscription each): a batch's usage is read as a range of them.
        const subs = loadSubscriptions(db, customers).sort((a, b) => a.customerId - b.customerId)
        // A run for a month asked for bills that month alone: nothing to catch up.
        const invoiced =
          options.period === undefined ? loadInvoicedPeriods(db, customers) : undefined
        const plans = subs.map((sub) =>
          layOutSafely(() =>
            periodsToBill(sub, biller.book, {
              period: options.period,
              now: started,
              timeZone: biller.timeZone,
              invoiced: invoiced?.get(sub.id),
            }),
          ),
        )
        const windows = biller.startRange(
          plans.flat().filter((c): c is PeriodChoice => !(c instanceof Error)),
          customers,
        )
        run.subscriptions += subs.length
        const rounds = roundsOf(subs, plans)
        // Known slice by slice: a catch-up bills some subscriptions for several periods, or none.
        progress.total += rounds.reduce((n, round) => n + round.length, 0) - subs.length
        const writer = await opening
        for (const [r, round] of rounds.entries()) {
          // A period's invoice may depend on the one before it (a once-only discount applied
          // there): a catch-up's round starts once the rounds before are written.
          if (r > 0) await Promise.all(pending)
          const { written } = await billRound(round, {
            size: options.batchSize ?? 500,
            prepare: async (batch) => {
              for (const part of await sumsOf(batch, windows, writer, biller)) biller.provide(part)
            },
            plan: (sub, choice) => planSafely(biller, sub, choice),
            write: (batch) =>
              writer
                ? writer.write({
                    runId: run.id,
                    lock: { name: BILLING_LOCK, holder },
                    startedAt: started,
                    at: options.now(),
                    ...toWrite(batch),
                  })
                : Promise.resolve(batch.map((p) => p.item)),
            record: (batch) => {
              items.add(batch)
              tally(run, batch)
              progress.done += batch.length
              options.onProgress?.({
                runId: run.id,
                ...progress,
                elapsedMs: options.now().getTime() - started.getTime(),
              })
            },
          })
          pending.push(written)
        }
      }
      await Promise.all(pending)
    } finally {
      // Nothing in flight once the run ends, however it ends.
      await Promise.allSettled(pending)
    }
    run.status = 'completed'
  } catch (error) {
    run.status = 'failed'
    run.error = error instanceof Error ? error.message : String(error)
    if (run.dryRun) throw error
  } finally {
    // However the run ended, before it is recorded: nothing is written after.
    await (await opening)?.close()
    const finished = options.now()
    run.finishedAt = finished.toISOString()
    run.durationMs = finished.getTime() - started.getTime()
    if (!run.dryRun) {
      db.transaction(() => {
        saveRun(db, run)
        audit('billing:run-finish', run)
      }).immediate()
      releaseLock(db, BILLING_LOCK, holder)
    }
  }
  options.onFinished?.(run)
  return { ...run, items: items.reported() }
}

/**
 * The usage sums a batch reads from the windows many subscriptions share, for the range of its
 * customers: on the writer's thread while the run plans the batch before, or (a dry run) here.
 */
const sumsOf = (
  batch: Pair[],
  windows: readonly SumsPart['window'][],
  writer: BatchWriter | null,
  biller: Biller,
): Promise<SumsPart[]> => {
  const due = batch.flatMap(({ sub, choice }) =>
    choice instanceof Error || !choice.due
      ? []
      : [{ id: sub.customerId, key: windowKey(choice.window) }],
  )
  if (due.length === 0) return Promise.resolve([])
  const ids = due.map((d) => d.id)
  const customers = { first: Math.min(...ids), last: Math.max(...ids) }
  const keys = new Set(due.map((d) => d.key))
  return Promise.all(
    windows
      .filter((w) => keys.has(windowKey(w)))
      .map((w) =>
        writer ? writer.sums(w, customers) : Promise.resolve(biller.readSums(w, customers)),
      ),
  )
}

/**
 * A subscription whose periods cannot be laid out (its plan version gone missing) is one unbilled
 * item with the reason, and the others are billed.
 */
const layOutSafely = (layOut: () => PeriodChoice[]): (PeriodChoice | Error)[] => {
  try {
    return layOut()
  } catch (error) {
    return [error instanceof Error ? error : new Error(String(error))]
  }
}

/**
 * One subscription's period that cannot be computed (a plan version gone missing, plans in two
 * currencies, a bad override) fails alone: it is reported, unbilled, with its reason, and the
 * others are billed. Its invoice is computed in full before anything is written, so the failure
 * leaves nothing behind. A failed write, on the other hand, fails the batch (its transaction
 * rolls back) and the run.
 */
const planSafely = (
  biller: Biller,
  sub: BillableSubscription,
  choice: PeriodChoice | Error,
): Planned => {
  try {
    if (choice instanceof Error) throw choice
    return biller.plan(sub, choice)
  } catch (error) {
    const period = choice instanceof Error ? null : choice.period
    return {
      item: {
        customerId: sub.externalId,
        customerName: sub.name,
        subscriptionId: sub.id,
        period: period?.key ?? null,
        periodStart: period?.start.toISOString() ?? '',
        periodEnd: period?.end.toISOString() ?? '',
        outcome: 'failed',
        reason: error instanceof Error ? error.message : String(error),
        currency: sub.currency,
        totalMinor: 0,
        invoiceId: null,
      },
    }
  }
}

/** Customers a run bills at a time: what it holds in memory does not grow past them. */
export const SLICE_CUSTOMERS = 10_000

/** Customers of a run's first range: laid out in a moment, so writing starts soon. */
const FIRST_SLICE = 1000

/** Items a real run reports; past them, the unbilled ones first, so none goes unseen. */
const REPORTED_ITEMS = 1000

const countSubscriptions = (db: Database.Database): number =>
  db.prepare<[], number>('SELECT count(*) FROM subscription').pluck().get() ?? 0

/**
 * The items a run reports: a dry run every one; a real run at most REPORTED_ITEMS, in run order,
 * or past that the unbilled ones first, so none goes unseen. Only those are kept, however many
 * customers the run bills.
 */
class RunItems {
  readonly #all: boolean
  readonly #ordered: RunItem[] = []
  readonly #failed: RunItem[] = []
  readonly #others: RunItem[] = []

  constructor(all: boolean) {
    this.#all = all
  }

  add(batch: RunItem[]): void {
    for (const item of batch) {
      if (this.#all || this.#ordered.length <= REPORTED_ITEMS) this.#ordered.push(item)
      if (this.#all) continue
      const list = item.outcome === 'failed' ? this.#failed : this.#others
      if (list.length < REPORTED_ITEMS) list.push(item)
    }
  }

  reported(): RunItem[] {
    if (this.#all || this.#ordered.length <= REPORTED_ITEMS) return this.#ordered
    return [...this.#failed, ...this.#others].slice(0, REPORTED_ITEMS)
  }
}
