import type { Ledger } from '../db/ledger'
import { AppError } from '../errors'
import type { HandlersFor } from '../ipc/handlers-types'

// Placeholder while the area is being built: every channel answers that it is not ready.
const pending = (): Promise<never> =>
  Promise.reject(new AppError('conflict', 'This part of Meterbook is still being built.'))

export const invoicesHandlers = (_ledger: Ledger): HandlersFor<'invoices'> => ({
  'invoices:list': pending,
  'invoices:get': pending,
  'invoices:finalize': pending,
  'invoices:void': pending,
  'invoices:mark-paid': pending,
  'invoices:mark-uncollectible': pending,
  'invoices:add-line': pending,
  'invoices:remove-line': pending,
  'invoices:regenerate': pending,
  'invoices:credit-note': pending,
  'invoices:pdf': pending,
  'invoices:export-csv': pending,
})
