import type Database from 'better-sqlite3'
import type { EntityManager } from 'typeorm'
import type { MoveResult } from '../../src-shared/domain/plan-moves'
import { Biller } from '../billing/biller'
import { choosePeriod } from '../billing/period-choice'
import { loadSubscriptions } from '../billing/subscriptions'
import { AppError } from '../errors'
import type { AuditInput } from '../ipc/handlers-types'
import { readSettingsNow } from '../settings/settings-service'
import { changePlan } from '../subscriptions/plan-change'
import { recordStart } from '../subscriptions/status-machine'
import { planMove } from './preview'
import type { MoveParsed } from './subscribers'

export type ApplyContext = {
  now: Date
  operator: string
  audit: (entry: AuditInput) => Promise<void>
}

/**
 * Moves the subscribers, all or none: each through the same plan change a single customer's
 * Change plan makes (so billing prorates the period the date falls in), with one audit entry per
 * subscription. A draft whose period runs past the date is recomputed at once, so no draft shows
 * the old version for days it no longer covers; a finalized period refuses the whole move.
 */
export const applyMove = async (
  db: Database.Database,
  em: EntityManager,
  input: MoveParsed,
  context: ApplyContext,
): Promise<MoveResult> => {
  const { preview, subscribers } = planMove(db, input)
  const which = `${input.planId} version ${input.fromVersion}`
  if (subscribers.length === 0)
    throw new AppError('conflict', `Nobody to move: no live subscription is on ${which}.`)
  const refused = preview.rows.filter((row) => row.refusal !== null)
  if (refused.length > 0)
    throw new AppError(
      'conflict',
      `Cannot move subscribers of ${which} from ${input.effectiveFrom}; nothing was moved. ${refused
        .map((row) => `${row.externalId}: ${row.refusal ?? ''}`)
        .join('; ')}.`,
      { effectiveFrom: refused[0]?.refusal ?? '' },
    )
  const timeZone = readSettingsNow(db).businessTimeZone
  const draftsAfter = db.prepare<[number, string], { id: number; period: string }>(
    `SELECT id, period FROM invoice WHERE subscription_id = ? AND status = 'draft'
       AND period_end > ? ORDER BY period_start`,
  )
  const redrafted: number[] = []
  // One biller for every redraft (as a run has): it reads the plans and settings once.
  let biller: Biller | undefined
  for (const [i, subscriber] of subscribers.entries()) {
    const state = recordStart(db, subscriber, context.operator)
    const change = await changePlan(
      db,
      em,
      state,
      {
        externalId: state.externalId,
        planId: input.planId,
        planVersion: input.toVersion,
        effectiveAt: subscriber.effectiveAt.toISOString(),
      },
      { now: context.now, operator: context.operator, timeZone },
    )
    for (const draft of draftsAfter.all(state.id, change.effectiveAt)) {
      biller ??= new Biller(db, { now: context.now, runId: null, dryRun: false })
      const [sub] = loadSubscriptions(db, state.id)
      if (!sub) continue
      const period = { period: draft.period, now: context.now, timeZone: biller.timeZone }
      biller.bill(sub, choosePeriod(sub, biller.book, period))
      redrafted.push(draft.id)
    }
    const difference = preview.rows[i]?.lastPeriod?.differenceMinor ?? null
    await context.audit({
      entityType: 'subscription',
      entityId: state.externalId,
      before: { planId: state.planId, planVersion: state.planVersion },
      after: {
        planId: input.planId,
        planVersion: input.toVersion,
        effectiveAt: change.effectiveAt,
        lastPeriodDifferenceMinor: difference,
      },
    })
  }
  return { ...preview, moved: subscribers.map((s) => s.externalId), redrafted }
}
