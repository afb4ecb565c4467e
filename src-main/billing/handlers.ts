import type { Ledger } from '../db/ledger'
import type { HandlersFor } from '../ipc/handlers-types'
import { runBilling } from './run'
import { getRun, listRuns } from './runs-store'
import { scheduleStatus } from '../scheduler/scheduler'

export const billingHandlers = (ledger: Ledger): HandlersFor<'billing'> => ({
  'billing:run': (input, ctx) =>
    runBilling(ledger.db, {
      period: input.period,
      dryRun: input.dryRun,
      trigger: 'manual',
      operator: ctx.operator,
      now: ctx.now,
      onProgress: (progress) => ctx.emit('billing:run-progress', progress),
      onAudit: (id, action) => ctx.emit('audit:appended', { id, action }),
      onFinished: (run) => ctx.emit('billing:run-finished', run),
    }),
  'billing:runs': (page) => Promise.resolve(listRuns(ledger.db, page)),
  'billing:run-get': ({ id }) => Promise.resolve(getRun(ledger.db, id)),
  'billing:schedule': (_input, { now }) => Promise.resolve(scheduleStatus(ledger.db, now())),
})
