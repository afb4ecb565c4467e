import { isDeepStrictEqual } from 'node:util'
import type { EntityManager } from 'typeorm'
import { stringify } from 'yaml'
import type {
  CatalogImportResult,
  DocumentFormat,
  PlanTerms,
} from '../../src-shared/domain/catalog'
import { PlanEntity, PlanVersionEntity } from '../db/entities/plan'
import { documentError, parseStructuredText } from '../documents/structured-text'
import { AppError } from '../errors'
import type { AuditInput } from '../ipc/handlers-types'
import { parseOrThrow } from '../ipc/validation'
import {
  fromNativeDocument,
  NativeDocumentSchema,
  toNativeDocument,
  type DocumentPlan,
} from './native-document'
import { termsOf } from '../../src-shared/domain/catalog'
import { draftOf, findPlan, getPlan, latestPublished, termsToRow } from './plans'
import { PlanTermsSchema } from './schemas'
import { fromSimpleDocument, SimpleDocumentSchema } from './simple-document'

type ImportContext = {
  now: Date
  operator: string
  audit: (entry: AuditInput) => Promise<void>
}

/** Reads either shape: Meterbook's (`plans:`) or the simpler one (`tiers:`), with line numbers. */
const readDocument = (
  text: string,
  fileName: string | undefined,
  today: string,
): { plans: DocumentPlan[]; warnings: string[]; root: 'plans' | 'tiers' } => {
  const what = fileName ?? 'The catalog document'
  const doc = parseStructuredText(text, what)
  const value = doc.value
  const simple =
    typeof value === 'object' && value !== null && 'tiers' in value && !('plans' in value)
  if (simple) {
    const parsed = SimpleDocumentSchema.safeParse(value)
    if (!parsed.success) throw documentError(what, parsed.error, doc)
    return { ...fromSimpleDocument(parsed.data, today), root: 'tiers' }
  }
  const parsed = NativeDocumentSchema.safeParse(value)
  if (!parsed.success) throw documentError(what, parsed.error, doc)
  return { plans: fromNativeDocument(parsed.data, today), warnings: [], root: 'plans' }
}

const publishVersion = async (
  db: EntityManager,
  plan: DocumentPlan,
  version: number,
  ctx: ImportContext,
): Promise<void> => {
  await db.insert(PlanVersionEntity, {
    planId: plan.id,
    version,
    status: 'published',
    effectiveFrom: plan.effectiveFrom,
    ...termsToRow(plan.terms),
    createdAt: ctx.now.toISOString(),
    publishedAt: ctx.now.toISOString(),
    publishedBy: ctx.operator,
  })
}

/**
 * Imports a catalog document atomically (the caller's transaction): a new plan is created and
 * published; a plan whose terms or name differ from its newest published version gets a new
 * version; an identical one is left alone, so importing the same document twice changes nothing.
 */
export const importCatalog = async (
  db: EntityManager,
  input: { text: string; fileName?: string },
  ctx: ImportContext,
): Promise<CatalogImportResult> => {
  const today = ctx.now.toISOString().slice(0, 10)
  const { plans, warnings, root } = readDocument(input.text, input.fileName, today)
  const result: CatalogImportResult = { plans: [], warnings }

  for (const [index, incoming] of plans.entries()) {
    const terms: PlanTerms = parseOrThrow(
      PlanTermsSchema,
      incoming.terms,
      [root, index],
      `plan ${incoming.id}`,
    )
    const plan = { ...incoming, terms }
    const existing = await findPlan(db, plan.id)
    if (!existing) {
      await db.insert(PlanEntity, {
        id: plan.id,
        name: plan.name,
        createdAt: ctx.now.toISOString(),
      })
      await publishVersion(db, plan, 1, ctx)
      await ctx.audit({
        entityType: 'plan',
        entityId: plan.id,
        before: null,
        after: { name: plan.name, version: 1, ...terms },
      })
      result.plans.push({ id: plan.id, outcome: 'created', version: 1 })
      continue
    }
    const current = latestPublished(existing)
    if (current && existing.name === plan.name && isDeepStrictEqual(termsOf(current), terms)) {
      result.plans.push({ id: plan.id, outcome: 'unchanged', version: current.version })
      continue
    }
    if (draftOf(existing)) {
      throw new AppError(
        'conflict',
        `Plan "${plan.id}" has an unpublished draft: publish or discard it before importing.`,
        { [`${root}[${index}].id`]: 'has an unpublished draft' },
      )
    }
    if (current?.effectiveFrom && plan.effectiveFrom < current.effectiveFrom) {
      throw new AppError(
        'validation_failed',
        `Plan "${plan.id}": the new version cannot take effect before version ${current.version} (${current.effectiveFrom}).`,
        { [`${root}[${index}].effectiveDate`]: `must be on or after ${current.effectiveFrom}` },
      )
    }
    const version = (existing.versions[0]?.version ?? 0) + 1
    if (existing.name !== plan.name)
      await db.update(PlanEntity, { id: plan.id }, { name: plan.name })
    await publishVersion(db, plan, version, ctx)
    const after = await getPlan(db, plan.id)
    await ctx.audit({
      entityType: 'plan',
      entityId: plan.id,
      before: current
        ? { name: existing.name, version: current.version, ...termsOf(current) }
        : null,
      after: { name: after.name, version, ...terms },
    })
    result.plans.push({ id: plan.id, outcome: 'new_version', version })
  }

  await ctx.audit({
    entityType: 'catalog',
    entityId: input.fileName ?? 'document',
    before: null,
    after: { plans: result.plans, warnings },
  })
  return result
}

export const exportCatalog = async (
  db: EntityManager,
  format: DocumentFormat,
): Promise<{ text: string; fileName: string }> => {
  const plans = await db.find(PlanEntity, { order: { id: 'ASC' } })
  const full = await Promise.all(plans.map((p) => getPlan(db, p.id)))
  const doc = toNativeDocument(full)
  return format === 'json'
    ? { text: `${JSON.stringify(doc, null, 2)}\n`, fileName: 'catalog.json' }
    : { text: stringify(doc, { lineWidth: 0 }), fileName: 'catalog.yaml' }
}
