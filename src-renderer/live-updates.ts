import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { QueryChannel } from '../src-shared/ipc/contract'
import { on } from './api'

/** Reads that describe the installation or the machine, not the ledger's data. */
const notLedgerData: ReadonlySet<QueryChannel> = new Set<QueryChannel>([
  'system:info',
  'system:health',
])

/** A burst (an import auditing row after row, a billing run) refreshes once, after it settles. */
export const LIVE_REFRESH_DELAY_MS = 300

/**
 * Marks every cached ledger read stale and refetches those on screen. A mutation anywhere can move
 * figures on any page (a payment changes the invoice, the customer's balance, the dashboard and
 * the retry queue), so no per-page list can be trusted to be complete; only the mounted queries
 * are fetched again, the rest when next shown.
 */
export const refreshLedgerReads = (queryClient: QueryClient): Promise<void> =>
  queryClient.invalidateQueries({
    predicate: (query) => !notLedgerData.has(query.queryKey[0] as QueryChannel),
  })

/**
 * Keeps every open page current when the ledger changes outside it: another window or the
 * scheduler (main announces each audited write as `audit:appended`), or another process such as
 * the CLI on the same ledger file (main notices its commits and announces `ledger:changed`).
 */
export const useLiveUpdates = (): void => {
  const queryClient = useQueryClient()
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const schedule = (): void => {
      clearTimeout(timer)
      timer = setTimeout(() => void refreshLedgerReads(queryClient), LIVE_REFRESH_DELAY_MS)
    }
    const stops = [on('audit:appended', schedule), on('ledger:changed', schedule)]
    return () => {
      clearTimeout(timer)
      for (const stop of stops) stop()
    }
  }, [queryClient])
}
