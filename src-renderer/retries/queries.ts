import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query'
import { useEffect } from 'react'
import type { FailureActInput, FailureQuery } from '../../src-shared/domain/payments'
import { call, on } from '../api'
import { channelQuery } from '../channel-query'

/**
 * Reads a retry or a payment pass can change: an action or a pass resolves records, marks invoices
 * paid or uncollectible, moves subscriptions to past due, and every action is audited.
 */
const paymentAreas = [
  'retries:',
  'payments:',
  'invoices:',
  'customers:',
  'subscriptions:',
  'dashboard:',
  'audit:',
] as const

export const refreshAfterPaymentWrite = (queryClient: QueryClient): Promise<void> =>
  queryClient.invalidateQueries({
    predicate: ({ queryKey: [channel] }) =>
      typeof channel === 'string' && paymentAreas.some((area) => channel.startsWith(area)),
  })

export const useFailureList = (query: FailureQuery) =>
  useQuery({
    ...channelQuery('retries:list', query),
    // Keep the current rows on screen while the next page or filter loads.
    placeholderData: keepPreviousData,
  })

export const useFailure = (id: number | undefined) =>
  useQuery({ ...channelQuery('retries:get', { id: id ?? 0 }), enabled: id !== undefined })

export const useFailureSummary = () => useQuery(channelQuery('retries:summary', {}))

export const useFailureReport = () => useQuery(channelQuery('retries:report', {}))

export const useRetryAct = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: FailureActInput) => call('retries:act', input),
    onSuccess: () => refreshAfterPaymentWrite(queryClient),
  })
}

/** One pass over the outbox and the due retries; `now` also takes automatic ones not yet due. */
export const useProcessNow = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { now?: boolean }) => call('retries:process', input),
    // A pass that failed half-way may still have sent some: refresh either way.
    onSettled: () => refreshAfterPaymentWrite(queryClient),
  })
}

/** Files are read on demand and never cached: each is asked for once, to be saved. */
export const useReportCsv = () => useMutation({ mutationFn: () => call('retries:report-csv', {}) })

/**
 * Keeps the queue, the badge and the payment views current when the queue changes anywhere: a
 * scheduled pass, the CLI on a shared ledger, or another window.
 */
export const useLiveRetries = (): void => {
  const queryClient = useQueryClient()
  useEffect(() => {
    const refresh = (): void => void refreshAfterPaymentWrite(queryClient)
    const stops = [
      on('retries:changed', (summary) => {
        // The event carries the badge's numbers: show them at once, then refresh the rest.
        queryClient.setQueryData(channelQuery('retries:summary', {}).queryKey, summary)
        refresh()
      }),
      on('payments:processed', refresh),
      on('payments:synced', refresh),
    ]
    return () => {
      for (const stop of stops) stop()
    }
  }, [queryClient])
}
