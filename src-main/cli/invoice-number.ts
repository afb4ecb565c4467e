import type { Invoice } from '../../src-shared/domain/billing'
import { formatMoney } from '../../src-shared/money'
import type { Dispatcher } from '../ipc/dispatcher'
import { invoke } from '../ipc/dispatcher'
import { AppError } from '../errors'

/**
 * The id of the invoice a person names by its number (`MB-2026-000001`), found through the same
 * list query the Invoices page searches with; only an exact match counts.
 */
export const invoiceIdOf = async (dispatch: Dispatcher, number: string): Promise<number> => {
  const page = await invoke(dispatch, 'invoices:list', { search: number, limit: 500 })
  const found = page.invoices.find((i) => i.number === number)
  if (!found) throw new AppError('not_found', `There is no invoice numbered ${number}.`)
  return found.id
}

/** One line about an invoice for a terminal: number, customer, status and total. */
export const describeInvoice = (invoice: Invoice): string =>
  `Invoice ${invoice.number ?? `draft-${invoice.id}`} (${invoice.customerName}, ${invoice.customerId}): ${invoice.status}, total ${formatMoney(invoice.totalMinor, invoice.currency)}`
