import type { Ledger } from '../db/ledger'
import type { HandlersFor } from '../ipc/handlers-types'
import { readSettingsNow } from '../settings/settings-service'
import { dashboardSummary } from './summary'

export const dashboardHandlers = (ledger: Ledger): HandlersFor<'dashboard'> => ({
  'dashboard:summary': (_input, ctx) =>
    Promise.resolve(
      dashboardSummary(ledger.db, {
        now: ctx.now(),
        timeZone: readSettingsNow(ledger.db).businessTimeZone,
      }),
    ),
})
