import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { AlertQuery } from '../../src-shared/domain/alerts'
import { call } from '../api'
import { channelQuery } from '../channel-query'

export const useAlertList = (query: AlertQuery) =>
  useQuery({ ...channelQuery('alerts:list', query), placeholderData: keepPreviousData })

/** Marks alerts seen; every cached page of the list is read again. */
export const useAcknowledge = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (ids: number[]) => call('alerts:acknowledge', { ids }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alerts:list'] }),
  })
}
