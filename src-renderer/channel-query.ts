import { queryOptions } from '@tanstack/react-query'
import type { In, QueryChannel } from '../src-shared/ipc/contract'
import { call } from './api'

/**
 * Query options for one read channel. Keys always start with the channel name so a mutation can
 * invalidate every cached page of a channel by that prefix alone.
 */
export const channelQuery = <C extends QueryChannel>(channel: C, input: In<C>) =>
  queryOptions({
    queryKey: [channel, input] as const,
    queryFn: () => call(channel, input),
  })
