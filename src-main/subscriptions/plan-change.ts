import type Database from 'better-sqlite3'
import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { ChangePlanInputSchema } from '../../src-shared/domain/billing'
import type { PlanVersion } from '../../src-shared/domain/catalog'
import { dayOf, startOfDay } from '../calendar/business-days'
import { findPlan, versionInEffect } from '../catalog/plans'
import { AppError } from '../errors'
import type { SubscriptionState } from './status-machine'

type ChangePlanParsed = z.output<typeof ChangePlanInputSchema>

export type PlanChangeRecord = {
  effectiveAt: string
  from: { planId: string; version: number }
  to: { planId: string; version: number }
}

const invalid = (field: string, message: string): AppError =>
  new AppError('validation_failed', `Cannot change the plan: ${field} ${message}.`, {
    [field]: message,
  })

const targetVersion = async (
  em: EntityManager,
  input: ChangePlanParsed,
  day: string,
): Promise<PlanVersion> => {
  const plan = await findPlan(em, input.planId)
  if (!plan) throw invalid('planId', `"${input.planId}" is not a plan in the catalog`)
  if (input.planVersion !== undefined) {
    const version = plan.versions.find(
      (v) => v.version === input.planVersion && v.status === 'published',
    )
    if (!version)
      throw invalid('planVersion', `${input.planVersion} is not a published version of ${plan.id}`)
    return version
  }
  const inEffect = await versionInEffect(em, plan.id, day)
  if (!inEffect) throw invalid('planId', `${plan.id} has no published version in effect on ${day}`)
  return inEffect
}

/**
 * Switches a subscription to another plan version from `effectiveAt` (default now). The change
 * row is what billing prorates the period by; the subscription row names the version it ends on.
 * Changes happen in order: never before the subscription's start, an earlier change, or the end
 * of the last finalized period.
 */
export const changePlan = async (
  db: Database.Database,
  em: EntityManager,
  state: SubscriptionState,
  input: ChangePlanParsed,
  context: { now: Date; operator: string; timeZone: string },
): Promise<PlanChangeRecord> => {
  if (state.status === 'canceled')
    throw new AppError('conflict', 'A canceled subscription cannot change plan.')
  const effective = input.effectiveAt === undefined ? context.now : new Date(input.effectiveAt)
  const effectiveAt = effective.toISOString()
  const version = await targetVersion(em, input, dayOf(effective, context.timeZone))
  if (input.planId === state.planId && version.version === state.planVersion)
    throw new AppError(
      'conflict',
      `The subscription is already on ${state.planId} version ${state.planVersion}.`,
    )
  if (version.currency !== state.currency)
    throw invalid(
      'planId',
      `is priced in ${version.currency}, but the customer is billed in ${state.currency}`,
    )
  const overrides = db
    .prepare<[number], string>('SELECT overrides_json FROM customer WHERE id = ?')
    .pluck()
    .get(state.customerId)
  const codes = new Set(version.features.map((f) => f.code))
  const orphans = (JSON.parse(overrides ?? '[]') as { code: string }[])
    .map((o) => o.code)
    .filter((code) => !codes.has(code))
  // An override of a feature the new plan lacks would make the customer unsavable afterwards.
  if (orphans.length > 0)
    throw new AppError(
      'conflict',
      `Cannot change the plan: the customer has overrides for ${orphans.join(', ')}, which ${input.planId} does not have. Remove them first.`,
    )
  if (effective.getTime() < startOfDay(state.startDate, context.timeZone).getTime())
    throw invalid('effectiveAt', `must not be before the subscription starts (${state.startDate})`)
  if (state.billedThrough !== null && effective.getTime() < new Date(state.billedThrough).getTime())
    throw invalid('effectiveAt', 'falls in a period whose invoice is already finalized')
  const lastChange = db
    .prepare<[number], string>(
      'SELECT max(effective_at) FROM subscription_change WHERE subscription_id = ?',
    )
    .pluck()
    .get(state.id)
  if (lastChange && effectiveAt < lastChange)
    throw invalid('effectiveAt', `must not be before the previous plan change (${lastChange})`)

  db.prepare(
    `INSERT INTO subscription_change
       (subscription_id, effective_at, from_plan_id, from_version, to_plan_id, to_version, operator, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    state.id,
    effectiveAt,
    state.planId,
    state.planVersion,
    input.planId,
    version.version,
    context.operator,
    context.now.toISOString(),
  )
  db.prepare('UPDATE subscription SET plan_id = ?, plan_version = ? WHERE id = ?').run(
    input.planId,
    version.version,
    state.id,
  )
  return {
    effectiveAt,
    from: { planId: state.planId, version: state.planVersion },
    to: { planId: input.planId, version: version.version },
  }
}
