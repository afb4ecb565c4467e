import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { DisputeListQuery } from '../../src-shared/domain/disputes'
import type { In } from '../../src-shared/ipc/contract'
import { call } from '../api'
import { channelQuery } from '../channel-query'
import { refreshAfterBillingWrite } from '../invoices/queries'

export const useDisputeList = (query: DisputeListQuery) =>
  useQuery({ ...channelQuery('disputes:list', query), placeholderData: keepPreviousData })

export const useDispute = (id: number) => useQuery(channelQuery('disputes:get', { id }))

type StepChannel = 'disputes:open' | 'disputes:review' | 'disputes:resolve'

/**
 * A dispute's step. Accepting one issues a credit note, so the invoices, the customer's balance
 * and the audit are read again with the disputes.
 */
export const useDisputeStep = <C extends StepChannel>(channel: C) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: In<C>) => call(channel, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({
        predicate: ({ queryKey: [key] }) => typeof key === 'string' && key.startsWith('disputes:'),
      })
      await refreshAfterBillingWrite(queryClient)
    },
  })
}
