import type { Ledger } from '../db/ledger'
import { AppError } from '../errors'
import type { HandlersFor } from '../ipc/handlers-types'

// Placeholder while the area is being built: every channel answers that it is not ready.
const pending = (): Promise<never> =>
  Promise.reject(new AppError('conflict', 'This part of Meterbook is still being built.'))

export const dashboardHandlers = (_ledger: Ledger): HandlersFor<'dashboard'> => ({
  'dashboard:summary': pending,
})
