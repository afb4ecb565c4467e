import type { Plan } from '../../src-shared/domain/catalog'
import type { HandlersFor, MutationCtx } from '../ipc/handlers-types'
import { exportCatalog, importCatalog } from './catalog-transfer'
import { createPlan, discardDraft, publishDraft, saveDraft } from './plan-editing'
import { findPlan, getPlan, listPlans } from './plans'

/** Runs a change to one plan and audits the plan before and after it. */
const auditedPlanChange = async (
  id: string,
  { db, audit }: MutationCtx,
  change: () => Promise<Plan>,
): Promise<Plan> => {
  const before = (await findPlan(db, id)) ?? null
  const after = await change()
  await audit({ entityType: 'plan', entityId: id, before, after })
  return after
}

export const catalogHandlers: HandlersFor<'catalog'> = {
  'catalog:list-plans': (_input, { db }) => listPlans(db),
  'catalog:get-plan': ({ id }, { db }) => getPlan(db, id),
  'catalog:create-plan': (input, ctx) =>
    auditedPlanChange(input.id, ctx, () => createPlan(ctx.db, input, ctx.now())),
  'catalog:save-draft': (input, ctx) =>
    auditedPlanChange(input.id, ctx, () => saveDraft(ctx.db, input, ctx.now())),
  'catalog:discard-draft': ({ id }, ctx) =>
    auditedPlanChange(id, ctx, () => discardDraft(ctx.db, id)),
  'catalog:publish': (input, ctx) =>
    auditedPlanChange(input.id, ctx, () => publishDraft(ctx.db, input, ctx.operator, ctx.now())),
  'catalog:import': (input, { db, now, operator, audit }) =>
    importCatalog(db, input, { now: now(), operator, audit }),
  'catalog:export': ({ format }, { db }) => exportCatalog(db, format),
}
