import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Customer } from '../../src-shared/domain/customers'
import type { In } from '../../src-shared/ipc/contract'
import { call } from '../api'
import { channelQuery } from '../channel-query'
import { refreshAfterBillingWrite } from '../invoices/queries'

export const useTransitions = (externalId: string) =>
  useQuery(channelQuery('subscriptions:history', { externalId }))

export const useCreditLedger = (externalId: string) =>
  useQuery(channelQuery('credits:ledger', { externalId }))

export const useDiscounts = (externalId: string) =>
  useQuery(channelQuery('discounts:list', { externalId }))

type SubscriptionChannel =
  'subscriptions:change-plan' | 'subscriptions:cancel' | 'subscriptions:transition'

/** A subscription change answers with the customer: the page shows it without a round trip. */
export const useSubscriptionAction = <C extends SubscriptionChannel>(channel: C) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: In<C>): Promise<Customer> => call(channel, input),
    onSuccess: async (customer) => {
      queryClient.setQueryData(
        channelQuery('customers:get', { externalId: customer.externalId }).queryKey,
        customer,
      )
      await refreshAfterBillingWrite(queryClient)
    },
  })
}

export const useAddCredit = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: In<'credits:add'>) => call('credits:add', input),
    onSuccess: async (ledgers, input) => {
      queryClient.setQueryData(
        channelQuery('credits:ledger', { externalId: input.externalId }).queryKey,
        ledgers,
      )
      await refreshAfterBillingWrite(queryClient)
    },
  })
}

export const useCreateDiscount = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: In<'discounts:create'>) => call('discounts:create', input),
    onSuccess: () => refreshAfterBillingWrite(queryClient),
  })
}

export const useDeactivateDiscount = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: In<'discounts:deactivate'>) => call('discounts:deactivate', input),
    onSuccess: () => refreshAfterBillingWrite(queryClient),
  })
}
