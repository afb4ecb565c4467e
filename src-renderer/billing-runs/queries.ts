import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { BillingRunProgress } from '../../src-shared/domain/billing'
import type { In } from '../../src-shared/ipc/contract'
import { call, on } from '../api'
import { channelQuery } from '../channel-query'
import { refreshAfterBillingWrite } from '../invoices/queries'

export const useRuns = (input: In<'billing:runs'>) =>
  useQuery({
    ...channelQuery('billing:runs', input),
    placeholderData: keepPreviousData,
  })

export const useRun = (id: string | undefined) =>
  useQuery({ ...channelQuery('billing:run-get', { id: id ?? '' }), enabled: id !== undefined })

export const useSchedule = () => useQuery(channelQuery('billing:schedule', {}))

/**
 * Runs billing, or previews it (dry run). A real run drafts invoices, so every billing read is
 * refreshed after it; a preview writes nothing and refreshes nothing.
 */
export const useStartRun = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: In<'billing:run'>) => call('billing:run', input),
    onSuccess: async (_result, input) => {
      if (!input.dryRun) await refreshAfterBillingWrite(queryClient)
    },
  })
}

/**
 * Keeps the lists current when a run finishes anywhere: the in-app schedule, the CLI on a shared
 * ledger, or another window.
 */
export const useLiveRuns = (): void => {
  const queryClient = useQueryClient()
  useEffect(
    () => on('billing:run-finished', () => void refreshAfterBillingWrite(queryClient)),
    [queryClient],
  )
}

/** The latest progress main pushed while `listening`; the call itself only answers at the end. */
export const useRunProgress = (listening: boolean): BillingRunProgress | null => {
  const [progress, setProgress] = useState<BillingRunProgress | null>(null)
  useEffect(() => {
    if (!listening) return
    const stop = on('billing:run-progress', setProgress)
    return () => {
      stop()
      setProgress(null)
    }
  }, [listening])
  return progress
}
