import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { OutboxQuery, PaymentsStatus, PushInput } from '../../src-shared/domain/payments'
import type { PaymentListQuery } from '../../src-shared/domain/payment-list'
import { call } from '../api'
import { channelQuery } from '../channel-query'
import { refreshAfterPaymentWrite } from '../retries/queries'

export const usePaymentsStatus = () => useQuery(channelQuery('payments:status', {}))

export const usePaymentList = (query: PaymentListQuery) =>
  useQuery({ ...channelQuery('payments:list', query), placeholderData: keepPreviousData })

/** `enabled`: only while the outbox is on screen. */
export const useOutbox = (query: OutboxQuery, enabled = true) =>
  useQuery({
    ...channelQuery('payments:outbox', query),
    enabled,
    // Keep the current rows on screen while the next page or filter loads.
    placeholderData: keepPreviousData,
  })

/** Queues finalized invoices for push and collection (idempotent: twice queues nothing more). */
export const usePush = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: PushInput) => call('payments:push', input),
    onSuccess: () => refreshAfterPaymentWrite(queryClient),
  })
}

/** Polls Stripe's events now; applying them can mark invoices paid or refunded. */
export const useSync = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => call('payments:sync', {}),
    // A failed poll records its error in the status: refresh either way.
    onSettled: () => refreshAfterPaymentWrite(queryClient),
  })
}

/** The key's writes answer with the new status, shown at once. */
const useKeyWrite = <I>(write: (input: I) => Promise<PaymentsStatus>) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: write,
    onSuccess: async (status) => {
      queryClient.setQueryData(channelQuery('payments:status', {}).queryKey, status)
      await refreshAfterPaymentWrite(queryClient)
    },
  })
}

export const useSetKey = () => useKeyWrite((key: string) => call('payments:set-key', { key }))

export const useClearKey = () => useKeyWrite(() => call('payments:clear-key', {}))

/** Tries a key (the typed one, else the configured one) without storing anything. */
export const useTestConnection = () =>
  useMutation({
    mutationFn: (key: string | undefined) =>
      call('payments:test-connection', key === undefined ? {} : { key }),
  })
