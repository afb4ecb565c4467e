import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { SettingsPatch } from '../../src-shared/domain/settings'
import { call } from '../api'
import { auditQueryKeys } from '../audit/queries'
import { channelQuery } from '../channel-query'

export const useSettings = () => useQuery(channelQuery('settings:get', {}))

/** The installation: version, host, ledger file (shown under Settings, not on the dashboard). */
export const useSystemInfo = () => useQuery(channelQuery('system:info', {}))

export const useUpdateSettings = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (patch: SettingsPatch) => call('settings:update', patch),
    onSuccess: async (saved) => {
      queryClient.setQueryData(channelQuery('settings:get', {}).queryKey, saved)
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['settings:get'] }),
        // The schedule's next run follows the schedule's settings and the business time zone.
        queryClient.invalidateQueries({ queryKey: ['billing:schedule'] }),
        ...auditQueryKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ])
    },
  })
}
