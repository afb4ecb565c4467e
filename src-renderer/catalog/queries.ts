import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query'
import type { Plan } from '../../src-shared/domain/catalog'
import type { QuoteInput } from '../../src-shared/domain/pricing'
import type { In } from '../../src-shared/ipc/contract'
import { call } from '../api'
import { channelQuery } from '../channel-query'

export const usePlans = () => useQuery(channelQuery('catalog:list-plans', {}))

export const usePlan = (id: string) => useQuery(channelQuery('catalog:get-plan', { id }))

/** A catalog change can alter any catalog read, and every change writes an audit entry. */
const refreshAfterChange = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({
    predicate: ({ queryKey: [channel] }) =>
      typeof channel === 'string' &&
      (channel.startsWith('catalog:') || channel.startsWith('audit:')),
  })

/** A mutation answering with the whole plan: the answer is the fresh copy, no refetch needed. */
const usePlanMutation = <I>(mutationFn: (input: I) => Promise<Plan>) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSuccess: async (plan) => {
      queryClient.setQueryData(channelQuery('catalog:get-plan', { id: plan.id }).queryKey, plan)
      await refreshAfterChange(queryClient)
    },
  })
}

export const useCreatePlan = () =>
  usePlanMutation((input: In<'catalog:create-plan'>) => call('catalog:create-plan', input))

export const useSaveDraft = () =>
  usePlanMutation((input: In<'catalog:save-draft'>) => call('catalog:save-draft', input))

export const useDiscardDraft = () =>
  usePlanMutation((input: In<'catalog:discard-draft'>) => call('catalog:discard-draft', input))

export const usePublish = () =>
  usePlanMutation((input: In<'catalog:publish'>) => call('catalog:publish', input))

export const useImportCatalog = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: In<'catalog:import'>) => call('catalog:import', input),
    onSuccess: () => refreshAfterChange(queryClient),
  })
}

/** A read, but run on demand: the operator asks for one file, nothing is cached. */
export const useExportCatalog = () =>
  useMutation({ mutationFn: (input: In<'catalog:export'>) => call('catalog:export', input) })

/** A quote for a definition being edited; disabled while there is nothing to price yet. */
export const useQuote = (input: QuoteInput, enabled: boolean) =>
  useQuery({
    ...channelQuery('pricing:quote', input),
    enabled,
    // Keep the last figures on screen while the next keystroke's quote is on its way.
    placeholderData: keepPreviousData,
  })

export const useCurve = (input: In<'pricing:curve'>, enabled: boolean) =>
  useQuery({ ...channelQuery('pricing:curve', input), enabled, placeholderData: keepPreviousData })
