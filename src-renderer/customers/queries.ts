import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query'
import type { CustomerInput } from '../../src-shared/domain/customers'
import type { In } from '../../src-shared/ipc/contract'
import { call } from '../api'
import { channelQuery } from '../channel-query'

/**
 * Reads a write to customers or usage can change: a customer's meters move with imported usage,
 * an import can fail on a customer saved a moment ago, and every write is audited.
 */
const affectedAreas = ['customers:', 'usage:', 'audit:'] as const

export const refreshAfterWrite = (queryClient: QueryClient): Promise<void> =>
  queryClient.invalidateQueries({
    predicate: ({ queryKey: [channel] }) =>
      typeof channel === 'string' && affectedAreas.some((area) => channel.startsWith(area)),
  })

export const useCustomerList = (input: In<'customers:list'>) =>
  useQuery({
    ...channelQuery('customers:list', input),
    // Keep the current rows on screen while the next page or search loads.
    placeholderData: keepPreviousData,
  })

export const useCustomer = (externalId: string) =>
  useQuery(channelQuery('customers:get', { externalId }))

export const useCustomerMeters = (externalId: string, enabled: boolean) =>
  useQuery({ ...channelQuery('customers:meters', { externalId }), enabled })

/** The plan a customer is on, for its feature names and units; idle until there is one. */
export const useSubscribedPlan = (planId: string | undefined) =>
  useQuery({ ...channelQuery('catalog:get-plan', { id: planId ?? '' }), enabled: !!planId })

export const useSaveCustomer = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: CustomerInput) => call('customers:save', input),
    onSuccess: async (customer) => {
      // The answer is the fresh copy: the detail page shows it without a round trip.
      queryClient.setQueryData(
        channelQuery('customers:get', { externalId: customer.externalId }).queryKey,
        customer,
      )
      await refreshAfterWrite(queryClient)
    },
  })
}

export const useImportCustomers = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: In<'customers:import'>) => call('customers:import', input),
    onSuccess: () => refreshAfterWrite(queryClient),
  })
}
