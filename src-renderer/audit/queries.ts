import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { AuditQuery } from '../../src-shared/domain/audit'
import { on } from '../api'
import { channelQuery } from '../channel-query'

export const useAuditPage = (query: AuditQuery) =>
  useQuery({
    ...channelQuery('audit:list', query),
    // Keep the current rows on screen while the next page or filter loads.
    placeholderData: keepPreviousData,
  })

export const useAuditFacets = () => useQuery(channelQuery('audit:facets', {}))

/** Every cached audit read, for invalidation after a mutation. */
export const auditQueryKeys = [['audit:list'], ['audit:facets']] as const

/** Refreshes audit reads whenever main reports a committed mutation, from any window or host. */
export const useLiveAudit = (): void => {
  const queryClient = useQueryClient()
  useEffect(
    () =>
      on('audit:appended', () => {
        for (const queryKey of auditQueryKeys) void queryClient.invalidateQueries({ queryKey })
      }),
    [queryClient],
  )
}
