import type { Ledger } from '../db/ledger'
import { AppError } from '../errors'
import type { HandlersFor } from '../ipc/handlers-types'
import type { Platform } from '../platform/platform'
import type { Payments } from './service'

const notYet = (): never => {
  throw new AppError('internal', 'Payments are not available yet.')
}

/** Stripe: the key, the connection test, pushing invoices, the outbox and event sync. */
export const paymentsHandlers = (
  ledger: Ledger,
  platform: Platform,
  payments: Payments,
): HandlersFor<'payments'> => {
  void ledger
  void platform
  void payments
  return {
    'payments:status': async () => notYet(),
    'payments:set-key': async () => notYet(),
    'payments:clear-key': async () => notYet(),
    'payments:test-connection': async () => notYet(),
    'payments:push': async () => notYet(),
    'payments:sync': async () => notYet(),
    'payments:outbox': async () => notYet(),
    'payments:invoice': async () => notYet(),
  }
}
