import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Whoami } from '../../src-shared/domain/operators'
import type { Channel } from '../../src-shared/ipc/contract'
import { roleAllows } from '../../src-shared/ipc/roles'
import { call } from '../api'
import { channelQuery } from '../channel-query'

export const useWhoami = () => useQuery(channelQuery('session:whoami', {}))

/**
 * Whether this session may call a channel: from the contract's one role map, so the UI hides
 * exactly what the dispatcher would refuse. False until it is known who is signed in.
 */
export const canWith =
  (whoami: Whoami | undefined) =>
  (channel: Channel): boolean =>
    whoami?.identity ? roleAllows(whoami.identity.role, channel) : false

export const useCan = (): ((channel: Channel) => boolean) => canWith(useWhoami().data)

/**
 * After a change of who is signed in, nothing cached for the last one is shown: every other query
 * starts over (the visible ones fetch again, as the new identity).
 */
const useIdentityChange = () => {
  const queryClient = useQueryClient()
  const key = channelQuery('session:whoami', {}).queryKey
  return async (whoami: Whoami): Promise<void> => {
    queryClient.setQueryData(key, whoami)
    await queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== key[0] })
  }
}

export const useSignIn = () => {
  const changed = useIdentityChange()
  return useMutation({
    mutationFn: (input: { name: string; password: string }) => call('session:sign-in', input),
    onSuccess: changed,
  })
}

export const useSignOut = () => {
  const changed = useIdentityChange()
  return useMutation({ mutationFn: () => call('session:sign-out', {}), onSuccess: changed })
}

export const useSwitchOn = () => {
  const changed = useIdentityChange()
  return useMutation({
    mutationFn: (input: { name: string; displayName: string; password: string }) =>
      call('operators:switch-on', input),
    onSuccess: changed,
  })
}
