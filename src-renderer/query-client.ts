import { QueryClient } from '@tanstack/react-query'
import type { ErrorCode } from '../src-shared/ipc/result'
import { ApiError } from './api'

/** Failures that will fail the same way again: retrying only delays the message. */
const permanent: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'validation_failed',
  'not_found',
  'unknown_channel',
  'forbidden',
  'sign_in_required',
])

export const createQueryClient = (): QueryClient =>
  new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: (failureCount, error) =>
          !(error instanceof ApiError && permanent.has(error.code)) && failureCount < 2,
        // A desktop window regains focus constantly; the audit event keeps data fresh instead.
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  })
