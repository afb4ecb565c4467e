import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query'
import type { UsageImport, UsageQuery, UsageSeriesQuery } from '../../src-shared/domain/usage'
import type { In } from '../../src-shared/ipc/contract'
import { call } from '../api'
import { channelQuery } from '../channel-query'

/** How often a running import's figures are re-read while someone is looking at them. */
const runningPollMs = 1500

const isRunning = (item: UsageImport | undefined): boolean => item?.status === 'running'

export const useImports = (input: In<'usage:imports'>) =>
  useQuery({
    ...channelQuery('usage:imports', input),
    placeholderData: keepPreviousData,
    refetchInterval: ({ state }) => (state.data?.imports.some(isRunning) ? runningPollMs : false),
  })

export const useImport = (importId: string) =>
  useQuery({
    ...channelQuery('usage:import-get', { importId }),
    refetchInterval: ({ state }) => (isRunning(state.data) ? runningPollMs : false),
  })

export const useRejects = (input: In<'usage:rejects'>) =>
  useQuery({ ...channelQuery('usage:rejects', input), placeholderData: keepPreviousData })

export const useEvents = (query: UsageQuery) =>
  useQuery({ ...channelQuery('usage:events', query), placeholderData: keepPreviousData })

export const useSeries = (query: UsageSeriesQuery) =>
  useQuery({ ...channelQuery('usage:series', query), placeholderData: keepPreviousData })

export const useTotals = (query: In<'usage:totals'>) =>
  useQuery({ ...channelQuery('usage:totals', query), placeholderData: keepPreviousData })

export const useMetrics = () => useQuery(channelQuery('usage:metrics', {}))

/**
 * The wizard's reads of the file's first kilobytes run on demand, not cached: the sample is large
 * and belongs to one file chosen once.
 */
export const usePreview = () =>
  useMutation({ mutationFn: (input: In<'usage:preview'>) => call('usage:preview', input) })

export const useMappingFor = () =>
  useMutation({ mutationFn: (input: In<'usage:mapping-for'>) => call('usage:mapping-for', input) })

/** Begins an import; sending the file is the upload's job (upload-store.ts). */
export const useBeginImport = () =>
  useMutation({
    mutationFn: (input: In<'usage:import-begin'>) => call('usage:import-begin', input),
  })

/** A read, but on demand: the operator asks for one file and nothing is cached. */
export const useRejectsCsv = () =>
  useMutation({ mutationFn: (input: In<'usage:rejects-csv'>) => call('usage:rejects-csv', input) })
