import type { RunItem } from '../../src-shared/domain/billing'
import type { Planned } from './biller'
import type { PeriodChoice } from './period-choice'
import type { BillableSubscription } from './subscriptions'

/** Lets the event loop breathe between batches: progress reaches the window, reads get answered. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** A subscription and one period to bill it for (or why its periods could not be laid out). */
export type Pair = { sub: BillableSubscription; choice: PeriodChoice | Error }

/**
 * A catch-up bills some subscriptions for several periods: their first due period goes in the
 * first round, the next in the second, and so on. A period's invoice may depend on the one before
 * it (a once-only discount applied there), so a round starts once the previous one is written.
 * Without a catch-up there is one round, every subscription in it.
 */
export const roundsOf = (
  subs: BillableSubscription[],
  plans: (PeriodChoice | Error)[][],
): Pair[][] => {
  const rounds: Pair[][] = []
  subs.forEach((sub, i) => {
    plans[i]?.forEach((choice, r) => {
      const round = rounds[r] ?? (rounds[r] = [])
      round.push({ sub, choice })
    })
  })
  return rounds
}

/** A promise awaited later: until then its failure must not count as unhandled. */
const awaitedLater = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(() => undefined)
  return promise
}

/**
 * Bills one round in batches: each batch is planned while the one before is written (at most two
 * in flight) and what the next one reads is prepared (its usage sums, on the writer's thread).
 * It resolves once the whole round is planned, with the promise of its last writes: the run
 * lays out its next range of customers meanwhile (run.ts).
 */
export const billRound = async (
  round: Pair[],
  steps: {
    size: number
    prepare: (batch: Pair[]) => Promise<void>
    plan: (sub: BillableSubscription, choice: PeriodChoice | Error) => Planned
    write: (planned: Planned[]) => Promise<RunItem[]>
    record: (batch: RunItem[]) => void
  },
): Promise<{ written: Promise<void> }> => {
  const writing: Promise<void>[] = []
  const batches: Pair[][] = []
  for (let from = 0; from < round.length; from += steps.size)
    batches.push(round.slice(from, from + steps.size))
  let prepared = awaitedLater(batches[0] ? steps.prepare(batches[0]) : Promise.resolve())
  try {
    for (const [i, batch] of batches.entries()) {
      await prepared
      const next = batches[i + 1]
      prepared = awaitedLater(next ? steps.prepare(next) : Promise.resolve())
      const planned = batch.map(({ sub, choice }) => steps.plan(sub, choice))
      const recorded = steps.write(planned).then(steps.record)
      writing.push(awaitedLater(recorded))
      if (writing.length > 1) await writing.shift()
      await breathe()
    }
  } catch (error) {
    await Promise.allSettled([...writing, prepared])
    throw error
  }
  return { written: awaitedLater(Promise.all(writing).then(() => undefined)) }
}
