import type { JsonValue } from '../../src-shared/domain/json'
import { billFinalInvoice } from '../billing/final-invoice'
import { dayOf } from '../calendar/business-days'
import { getCustomer } from '../customers/customers'
import type { Ledger } from '../db/ledger'
import type { HandlersFor, MutationCtx } from '../ipc/handlers-types'
import { readSettingsNow } from '../settings/settings-service'
import { cancelAtPeriodEnd, cancelImmediately } from './cancel'
import { changePlan } from './plan-change'
import {
  applyTransition,
  recordStart,
  startOf,
  stateOf,
  transitionsOf,
  type SubscriptionState,
} from './status-machine'

export { advanceLifecycle } from './lifecycle'

export const subscriptionsHandlers = (ledger: Ledger): HandlersFor<'subscriptions'> => {
  const { db } = ledger
  const context = (ctx: MutationCtx) => ({
    now: ctx.now(),
    operator: ctx.operator,
    timeZone: readSettingsNow(db).businessTimeZone,
  })
  // A subscription saved before its first transition gets it now, inside this mutation.
  const current = (externalId: string, ctx: MutationCtx): SubscriptionState =>
    recordStart(db, stateOf(db, externalId), ctx.operator)
  const summary = (s: SubscriptionState) => ({
    status: s.status,
    trialEnd: s.trialEnd,
    statusSince: s.statusSince,
    planId: s.planId,
    planVersion: s.planVersion,
    cancelAt: s.cancelAt,
    canceledAt: s.canceledAt,
  })
  const audit = async (
    ctx: MutationCtx,
    before: SubscriptionState,
    extra: Record<string, JsonValue> = {},
  ) => {
    const after = stateOf(db, before.externalId)
    await ctx.audit({
      entityType: 'subscription',
      entityId: before.externalId,
      before: summary(before),
      after: { ...summary(after), ...extra },
    })
  }

  return {
    'subscriptions:transition': async (input, ctx) => {
      const state = current(input.externalId, ctx)
      const { now, operator, timeZone } = context(ctx)
      applyTransition(db, state, {
        to: input.to,
        at: now.toISOString(),
        reason: input.reason,
        operator,
      })
      // A trial ended by hand ends today, so billing charges from today as well.
      const today = dayOf(now, timeZone)
      if (state.status === 'trialing' && state.trialEnd !== null && state.trialEnd > today)
        db.prepare('UPDATE subscription SET trial_end = ? WHERE id = ?').run(today, state.id)
      await audit(ctx, state, { reason: input.reason })
      return getCustomer(ctx.db, input.externalId)
    },

    'subscriptions:change-plan': async (input, ctx) => {
      const state = current(input.externalId, ctx)
      const change = await changePlan(db, ctx.db, state, input, context(ctx))
      await audit(ctx, state, { effectiveAt: change.effectiveAt })
      return getCustomer(ctx.db, input.externalId)
    },

    'subscriptions:cancel': async (input, ctx) => {
      const state = current(input.externalId, ctx)
      if (input.when === 'period_end') {
        cancelAtPeriodEnd(db, state, context(ctx))
        await audit(ctx, state, { reason: input.reason })
      } else {
        cancelImmediately(db, state, input.reason, context(ctx))
        const finalInvoice = billFinalInvoice(db, state.id, context(ctx))
        await audit(ctx, state, { reason: input.reason, finalInvoice })
      }
      return getCustomer(ctx.db, input.externalId)
    },

    'subscriptions:history': ({ externalId }) => {
      const state = stateOf(db, externalId)
      // Not yet given its first row (a query writes nothing): shown as it will be recorded.
      if (state.statusSince === null) {
        const start = startOf(db, state, 'system')
        return Promise.resolve([{ id: 0, subscriptionId: state.id, from: null, ...start }])
      }
      return Promise.resolve(transitionsOf(db, state.id))
    },
  }
}
