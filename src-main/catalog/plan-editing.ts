import type { EntityManager } from 'typeorm'
import type { Plan, PlanTerms } from '../../src-shared/domain/catalog'
import { PlanEntity, PlanVersionEntity } from '../db/entities/plan'
import { AppError } from '../errors'
import { parseOrThrow } from '../ipc/validation'
import { draftOf, findPlan, getPlan, latestPublished, termsToRow } from './plans'
import { PlanTermsSchema } from './schemas'

const validTerms = (terms: unknown): PlanTerms =>
  parseOrThrow(PlanTermsSchema, terms, ['terms'], 'plan terms')

export const createPlan = async (
  db: EntityManager,
  input: { id: string; name: string; terms: PlanTerms },
  now: Date,
): Promise<Plan> => {
  const terms = validTerms(input.terms)
  if (await findPlan(db, input.id)) {
    throw new AppError('conflict', `A plan with the id "${input.id}" already exists.`, {
      id: 'is already taken',
    })
  }
  const at = now.toISOString()
  await db.insert(PlanEntity, { id: input.id, name: input.name, createdAt: at })
  await db.insert(PlanVersionEntity, {
    planId: input.id,
    version: 1,
    status: 'draft',
    effectiveFrom: null,
    ...termsToRow(terms),
    createdAt: at,
    publishedAt: null,
    publishedBy: null,
  })
  return getPlan(db, input.id)
}

/**
 * Writes the plan's draft: replaces the open draft, or opens one (the next version number) when
 * every version is published; published versions are never touched.
 */
export const saveDraft = async (
  db: EntityManager,
  input: { id: string; name?: string; terms: PlanTerms },
  now: Date,
): Promise<Plan> => {
  const terms = validTerms(input.terms)
  const plan = await getPlan(db, input.id)
  if (input.name !== undefined && input.name !== plan.name) {
    await db.update(PlanEntity, { id: plan.id }, { name: input.name })
  }
  const draft = draftOf(plan)
  if (draft) {
    await db.update(
      PlanVersionEntity,
      { planId: plan.id, version: draft.version },
      termsToRow(terms),
    )
  } else {
    await db.insert(PlanVersionEntity, {
      planId: plan.id,
      version: (plan.versions[0]?.version ?? 0) + 1,
      status: 'draft',
      effectiveFrom: null,
      ...termsToRow(terms),
      createdAt: now.toISOString(),
      publishedAt: null,
      publishedBy: null,
    })
  }
  return getPlan(db, plan.id)
}

export const discardDraft = async (db: EntityManager, id: string): Promise<Plan> => {
  const plan = await getPlan(db, id)
  const draft = draftOf(plan)
  if (!draft) throw new AppError('not_found', `Plan "${id}" has no draft to discard.`)
  if (!latestPublished(plan)) {
    throw new AppError(
      'conflict',
      `Plan "${id}" has never been published: its first draft is all there is to it.`,
    )
  }
  await db.delete(PlanVersionEntity, { planId: id, version: draft.version })
  return getPlan(db, id)
}

/** Publishes the draft: from now on it is immutable, in effect from `effectiveFrom`. */
export const publishDraft = async (
  db: EntityManager,
  input: { id: string; effectiveFrom: string },
  operator: string,
  now: Date,
): Promise<Plan> => {
  const plan = await getPlan(db, input.id)
  const draft = draftOf(plan)
  if (!draft) throw new AppError('not_found', `Plan "${input.id}" has no draft to publish.`)
  const previous = latestPublished(plan)
  if (previous?.effectiveFrom && input.effectiveFrom < previous.effectiveFrom) {
    throw new AppError(
      'validation_failed',
      `Version ${draft.version} cannot take effect before version ${previous.version} (${previous.effectiveFrom}).`,
      { effectiveFrom: `must be on or after ${previous.effectiveFrom}` },
    )
  }
  await db.update(
    PlanVersionEntity,
    { planId: plan.id, version: draft.version },
    {
      status: 'published',
      effectiveFrom: input.effectiveFrom,
      publishedAt: now.toISOString(),
      publishedBy: operator,
    },
  )
  return getPlan(db, plan.id)
}
