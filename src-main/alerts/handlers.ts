import type { Ledger } from '../db/ledger'
import { AppError } from '../errors'
import type { HandlersFor } from '../ipc/handlers-types'
import { acknowledgeAlerts, alertsByIds, listAlerts } from './alert-store'

/** The alerts channels; alerts are fired by usage imports (evaluate.ts), never here. */
export const alertsHandlers = (ledger: Ledger): HandlersFor<'alerts'> => {
  const { db } = ledger
  return {
    'alerts:list': (query) => Promise.resolve(listAlerts(db, query)),
    'alerts:acknowledge': async ({ ids }, ctx) => {
      const unique = [...new Set(ids)]
      const known = alertsByIds(db, unique)
      const missing = unique.filter((id) => !known.some((alert) => alert.id === id))
      if (missing.length > 0)
        throw new AppError('not_found', `There is no usage alert ${missing.join(', ')}.`)
      const changed = acknowledgeAlerts(db, unique, {
        operator: ctx.operator,
        at: ctx.now().toISOString(),
      })
      const after = alertsByIds(db, unique)
      for (const id of changed) {
        const before = known.find((alert) => alert.id === id)
        const now = after.find((alert) => alert.id === id)
        await ctx.audit({
          entityType: 'usage_alert',
          entityId: String(id),
          before: { acknowledgedAt: before?.acknowledgedAt ?? null },
          after: { acknowledgedAt: now?.acknowledgedAt ?? null, acknowledgedBy: ctx.operator },
        })
      }
      // Nothing changed (all acknowledged already): the dispatcher still needs its entry.
      if (changed.length === 0)
        await ctx.audit({
          entityType: 'usage_alert',
          entityId: unique.join(','),
          before: null,
          after: { alreadyAcknowledged: unique },
        })
      return after
    },
  }
}
