import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query'
import type { AgedQuery, ReportFileQuery, UsageBillingQuery } from '../../src-shared/domain/reports'
import { call } from '../api'
import { channelQuery } from '../channel-query'

/** The figures shown: the previous ones stay on screen while another period loads. */
export const useUsageBilling = (query: UsageBillingQuery | null) =>
  useQuery({
    ...channelQuery('reports:usage-billing', query ?? { period: { kind: 'year', year: 2000 } }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  })

export const useAgedReceivables = (query: AgedQuery | null) =>
  useQuery({
    ...channelQuery('reports:aged-receivables', query ?? { asOf: '2000-01-01' }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  })

export const useReportFile = () =>
  useMutation({ mutationFn: (input: ReportFileQuery) => call('reports:file', input) })

/** Hands a file from main (base64) to the browser, or Electron's save dialog, as a download. */
export const downloadFile = (file: { base64: string; fileName: string; contentType: string }) => {
  const binary = atob(file.base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i)
  const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked on the next tick: the click starts the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
