import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MoveSubscribersInput } from '../../src-shared/domain/plan-moves'
import { call } from '../api'
import { channelQuery } from '../channel-query'

const none: MoveSubscribersInput = { planId: '', fromVersion: 1, toVersion: 1, effectiveFrom: '' }

/** The preview of a move; null while the dialog's choices are incomplete (nothing is asked). */
export const useMovePreview = (input: MoveSubscribersInput | null) =>
  useQuery({
    ...channelQuery('plan-moves:preview', input ?? none),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  })

/** A move changes subscriptions, drafts and the audit: every cached read may be stale. */
export const useMoveSubscribers = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MoveSubscribersInput) => call('plan-moves:apply', input),
    onSuccess: () => queryClient.invalidateQueries(),
  })
}
