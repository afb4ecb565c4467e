import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query'
import type { Invoice } from '../../src-shared/domain/billing'
import type { In } from '../../src-shared/ipc/contract'
import { call } from '../api'
import { channelQuery } from '../channel-query'

/**
 * Reads any billing write can change: an invoice action moves the customer's credit balance, the
 * dashboard's figures and the subscription's state, and every write is audited.
 */
const billingAreas = [
  'invoices:',
  'billing:',
  'customers:',
  'subscriptions:',
  'credits:',
  'discounts:',
  'dashboard:',
  'audit:',
] as const

export const refreshAfterBillingWrite = (queryClient: QueryClient): Promise<void> =>
  queryClient.invalidateQueries({
    predicate: ({ queryKey: [channel] }) =>
      typeof channel === 'string' && billingAreas.some((area) => channel.startsWith(area)),
  })

export const useInvoiceList = (input: In<'invoices:list'>, enabled = true) =>
  useQuery({
    ...channelQuery('invoices:list', input),
    // Keep the current rows on screen while the next page or filter loads.
    placeholderData: keepPreviousData,
    enabled,
  })

export const useInvoice = (id: number) => useQuery(channelQuery('invoices:get', { id }))

/** What finalizing these drafts now would issue wrong; asked each time a confirmation opens. */
export const useFinalizeWarnings = (ids: number[]) =>
  useQuery({ ...channelQuery('invoices:finalize-check', { ids }), staleTime: 0, gcTime: 0 })

type InvoiceChannel =
  | 'invoices:finalize'
  | 'invoices:void'
  | 'invoices:mark-paid'
  | 'invoices:mark-uncollectible'
  | 'invoices:add-line'
  | 'invoices:remove-line'
  | 'invoices:regenerate'
  | 'invoices:credit-note'

/** An action answering with the whole invoice: the detail page shows it without a round trip. */
export const useInvoiceAction = <C extends InvoiceChannel>(channel: C) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: In<C>): Promise<Invoice> => call(channel, input),
    onSuccess: async (invoice) => {
      queryClient.setQueryData(channelQuery('invoices:get', { id: invoice.id }).queryKey, invoice)
      await refreshAfterBillingWrite(queryClient)
    },
  })
}

/** Files are read on demand and never cached: each is asked for once, to be saved or shown. */
export const useInvoicesCsv = () =>
  useMutation({
    mutationFn: (input: In<'invoices:export-csv'>) => call('invoices:export-csv', input),
  })

export const useAccountingExport = () =>
  useMutation({
    mutationFn: (input: In<'exports:accounting'>) => call('exports:accounting', input),
  })

export const useInvoicePdf = () =>
  useMutation({ mutationFn: (input: In<'invoices:pdf'>) => call('invoices:pdf', input) })
