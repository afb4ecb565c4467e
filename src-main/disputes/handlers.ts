import type { DisputeDetail } from '../../src-shared/domain/disputes'
import { dayOf } from '../calendar/business-days'
import type { Ledger } from '../db/ledger'
import type { HandlersFor, MutationCtx } from '../ipc/handlers-types'
import type { Change } from '../invoices/lifecycle'
import { readSettingsNow } from '../settings/settings-service'
import { getDispute, listDisputes } from './dispute-store'
import { openDispute, resolveDispute, reviewDispute } from './dispute-steps'

/**
 * The dispute channels. The services work synchronously on the ledger's raw connection, which
 * inside a mutation is the dispatcher's transaction: an accepted dispute's credit note and the
 * dispute's new status commit together or not at all.
 */
export const disputesHandlers = (ledger: Ledger): HandlersFor<'disputes'> => {
  const { db } = ledger
  const opts = (ctx: MutationCtx) => ({ now: ctx.now(), operator: ctx.operator })
  const today = (now: Date): string => dayOf(now, readSettingsNow(db).businessTimeZone)

  const done = async (ctx: MutationCtx, change: Change): Promise<DisputeDetail> => {
    await ctx.audit({
      entityType: 'dispute',
      entityId: change.entityId,
      before: change.before,
      after: change.after,
    })
    return getDispute(db, change.id, today(ctx.now()))
  }

  return {
    'disputes:list': (query, ctx) => Promise.resolve(listDisputes(db, query, today(ctx.now()))),
    'disputes:get': ({ id }, ctx) => Promise.resolve(getDispute(db, id, today(ctx.now()))),
    'disputes:open': (input, ctx) => done(ctx, openDispute(db, input, opts(ctx))),
    'disputes:review': (input, ctx) => done(ctx, reviewDispute(db, input, opts(ctx))),
    'disputes:resolve': async (input, ctx) => {
      const { creditNote, ...change } = resolveDispute(db, input, opts(ctx))
      // The credit note is audited on its invoice, as one issued from the invoice page is.
      if (creditNote)
        await ctx.audit({
          entityType: 'invoice',
          entityId: creditNote.entityId,
          before: creditNote.before,
          after: creditNote.after,
        })
      return done(ctx, change)
    },
  }
}
