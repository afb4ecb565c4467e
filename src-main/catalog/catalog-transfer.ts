import { isDeepStrictEqual } from 'node:util'
import type { EntityManager } from 'typeorm'
import { stringify } from 'yaml'
import type {
  CatalogImportResult,
  DocumentFormat,
  PlanFeature,
  PlanTerms,
} from '../../src-shared/domain/catalog'
import { PlanEntity, PlanVersionEntity } from '../db/entities/plan'
import { documentError, parseStructuredText } from '../documents/structured-text'
import { AppError } from '../errors'
import type { AuditInput } from '../ipc/handlers-types'
import { z } from 'zod'
import type { Settings, SettingsPatch } from '../../src-shared/domain/settings'
import { dayOf } from '../calendar/business-days'
import { readSettings, writeSettings } from '../settings/settings-service'
import {
  fromNativeDocument,
  NativeDocumentSchema,
  toNativeDocument,
  type DocumentPlan,
  type DocumentRead,
} from './native-document'
import { termsOf } from '../../src-shared/domain/catalog'
import { draftOf, findPlan, getPlan, latestPublished, rowToVersion, termsToRow } from './plans'
import { PlanTermsSchema } from './schemas'
import { fromSimpleDocument, SimpleDocumentSchema } from './simple-document'

type ImportContext = {
  now: Date
  operator: string
  audit: (entry: AuditInput) => Promise<void>
}

/**
 * Reads either shape: Meterbook's (`plans:`) or the simpler one (`tiers:`), and checks every
 * plan's terms before anything is written. Each issue names the path and line in the user's
 * file, not in the plan it was converted to.
 */
const readDocument = (
  text: string,
  fileName: string | undefined,
  today: string,
  timeZone: string,
  ledgerFeatures: PlanFeature[],
): DocumentRead & { root: 'plans' | 'tiers' } => {
  const what = fileName ?? 'The catalog document'
  const doc = parseStructuredText(text, what)
  const value = doc.value
  const simple =
    typeof value === 'object' && value !== null && 'tiers' in value && !('plans' in value)
  let read: DocumentRead
  if (simple) {
    const parsed = SimpleDocumentSchema.safeParse(value)
    if (!parsed.success) throw documentError(what, parsed.error, doc)
    read = fromSimpleDocument(parsed.data, today, timeZone, ledgerFeatures)
  } else {
    const parsed = NativeDocumentSchema.safeParse(value)
    if (!parsed.success) throw documentError(what, parsed.error, doc)
    read = fromNativeDocument(parsed.data, today, timeZone)
  }
  const issues: z.core.$ZodIssue[] = []
  const plans = read.plans.map((plan) => {
    const parsed = PlanTermsSchema.safeParse(plan.terms)
    if (parsed.success) return { ...plan, terms: parsed.data }
    for (const issue of parsed.error.issues)
      issues.push({ ...issue, path: plan.sourceOf(issue.path) })
    return plan
  })
  if (issues.length > 0) throw documentError(what, new z.ZodError(issues), doc)
  return { ...read, plans, root: simple ? 'tiers' : 'plans' }
}

/**
 * Every feature of the ledger's published plan versions, by code (the newest version's definition
 * where versions differ): what the catalog already knows beside the document being imported.
 */
const publishedFeatures = async (db: EntityManager): Promise<PlanFeature[]> => {
  const rows = await db.find(PlanVersionEntity, {
    where: { status: 'published' },
    order: { planId: 'ASC', version: 'ASC' },
  })
  const byCode = new Map<string, PlanFeature>()
  for (const row of rows) for (const f of rowToVersion(row).features) byCode.set(f.code, f)
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code))
}

/** The document's tax block and header into Settings, audited as a settings change. */
const applySettings = async (db: EntityManager, read: DocumentRead, ctx: ImportContext) => {
  const before = await readSettings(db)
  const patch: SettingsPatch = {
    catalogDocument: read.header,
    ...(read.tax?.defaultRatePercent === undefined
      ? {}
      : { defaultTaxRatePercent: read.tax.defaultRatePercent }),
    ...(read.tax?.exemptRegions === undefined ? {} : { taxExemptRegions: read.tax.exemptRegions }),
  }
  const changed = Object.fromEntries(
    Object.entries(patch).filter(
      ([key, value]) => !isDeepStrictEqual(before[key as keyof Settings], value),
    ),
  )
  if (Object.keys(changed).length === 0) return
  await writeSettings(db, changed, ctx.now)
  await ctx.audit({
    entityType: 'settings',
    entityId: 'business',
    before: Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof Settings]])),
    after: changed,
  })
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
  const { businessTimeZone } = await readSettings(db)
  const today = dayOf(ctx.now, businessTimeZone)
  const read = readDocument(
    input.text,
    input.fileName,
    today,
    businessTimeZone,
    await publishedFeatures(db),
  )
  const { plans, warnings, root } = read
  const result: CatalogImportResult = { plans: [], warnings }
  await applySettings(db, read, ctx)

  for (const [index, plan] of plans.entries()) {
    const terms: PlanTerms = plan.terms
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
  const doc = toNativeDocument(full, (await readSettings(db)).catalogDocument)
  return format === 'json'
    ? { text: `${JSON.stringify(doc, null, 2)}\n`, fileName: 'catalog.json' }
    : { text: stringify(doc, { lineWidth: 0 }), fileName: 'catalog.yaml' }
}
