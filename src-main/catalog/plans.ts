import type { EntityManager } from 'typeorm'
import type { Plan, PlanSummary, PlanTerms, PlanVersion } from '../../src-shared/domain/catalog'
import { PlanEntity, PlanVersionEntity, type PlanVersionRow } from '../db/entities/plan'
import { AppError } from '../errors'

type StoredTerms = Omit<PlanTerms, 'currency' | 'basePriceMinor'>

export const termsToRow = (
  terms: PlanTerms,
): Pick<PlanVersionRow, 'currency' | 'basePriceMinor' | 'termsJson'> => {
  const { currency, basePriceMinor, ...rest } = terms
  return { currency, basePriceMinor, termsJson: JSON.stringify(rest satisfies StoredTerms) }
}

export const rowToVersion = (row: PlanVersionRow): PlanVersion => ({
  ...(JSON.parse(row.termsJson) as StoredTerms),
  currency: row.currency,
  basePriceMinor: row.basePriceMinor,
  version: row.version,
  status: row.status,
  effectiveFrom: row.effectiveFrom,
  createdAt: row.createdAt,
  publishedAt: row.publishedAt,
  publishedBy: row.publishedBy,
})

export const findPlan = async (db: EntityManager, id: string): Promise<Plan | undefined> => {
  const plan = await db.findOneBy(PlanEntity, { id })
  if (!plan) return undefined
  const rows = await db.find(PlanVersionEntity, {
    where: { planId: id },
    order: { version: 'DESC' },
  })
  return { id: plan.id, name: plan.name, versions: rows.map(rowToVersion) }
}

export const getPlan = async (db: EntityManager, id: string): Promise<Plan> => {
  const plan = await findPlan(db, id)
  if (!plan) throw new AppError('not_found', `There is no plan "${id}".`)
  return plan
}

export const latestPublished = (plan: Plan): PlanVersion | undefined =>
  plan.versions.find((v) => v.status === 'published')

export const draftOf = (plan: Plan): PlanVersion | undefined =>
  plan.versions.find((v) => v.status === 'draft')

export const listPlans = async (db: EntityManager): Promise<PlanSummary[]> => {
  const plans = await db.find(PlanEntity, { order: { name: 'ASC', id: 'ASC' } })
  const rows = await db.find(PlanVersionEntity, { order: { version: 'DESC' } })
  return plans.map((plan) => {
    const versions = rows.filter((r) => r.planId === plan.id).map(rowToVersion)
    const current = versions.find((v) => v.status === 'published')
    return {
      id: plan.id,
      name: plan.name,
      hasDraft: versions.some((v) => v.status === 'draft'),
      current: current
        ? {
            version: current.version,
            effectiveFrom: current.effectiveFrom,
            currency: current.currency,
            basePriceMinor: current.basePriceMinor,
            interval: current.interval,
            featureCount: current.features.length,
          }
        : null,
    }
  })
}

/**
 * The version a new subscriber gets on `date` (YYYY-MM-DD): the newest published version already
 * in effect. Existing subscribers keep the version they are on until migrated.
 */
export const versionInEffect = async (
  db: EntityManager,
  planId: string,
  date: string,
): Promise<PlanVersion | undefined> => {
  const row = await db
    .createQueryBuilder(PlanVersionEntity, 'v')
    .where("v.plan_id = :planId AND v.status = 'published' AND v.effective_from <= :date", {
      planId,
      date,
    })
    .orderBy('v.effective_from', 'DESC')
    .addOrderBy('v.version', 'DESC')
    .getOne()
  return row ? rowToVersion(row) : undefined
}
