import {
  outboxStatuses,
  type OutboxQuery,
  type OutboxStatus,
} from '../../src-shared/domain/payments'

/** The outbox list's filter and paging as they live in the URL. */
export type OutboxView = { status: OutboxStatus | null; page: number; pageSize: number }

export const outboxPageSizes = [25, 50, 100] as const
const defaultPageSize = outboxPageSizes[0]

const wholeNumber = (raw: string | null): number | undefined =>
  raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined

export const readOutboxView = (params: URLSearchParams): OutboxView => {
  const page = wholeNumber(params.get('page'))
  const size = wholeNumber(params.get('size'))
  return {
    status: outboxStatuses.find((status) => status === params.get('status')) ?? null,
    page: page !== undefined && page >= 1 ? page - 1 : 0,
    pageSize: outboxPageSizes.find((option) => option === size) ?? defaultPageSize,
  }
}

export const writeOutboxView = (view: OutboxView): URLSearchParams => {
  const params = new URLSearchParams()
  if (view.status) params.set('status', view.status)
  if (view.page > 0) params.set('page', String(view.page + 1))
  if (view.pageSize !== defaultPageSize) params.set('size', String(view.pageSize))
  return params
}

export const toOutboxQuery = (view: OutboxView): OutboxQuery => ({
  ...(view.status ? { status: view.status } : {}),
  limit: view.pageSize,
  offset: view.page * view.pageSize,
})

export const outboxStatusLooks: Record<
  OutboxStatus,
  { label: string; color: 'info' | 'success' | 'warning' | 'error' | 'default' }
> = {
  pending: { label: 'Pending', color: 'info' },
  sending: { label: 'Sending', color: 'info' },
  sent: { label: 'Sent', color: 'success' },
  failed: { label: 'Failed', color: 'error' },
  canceled: { label: 'Canceled', color: 'default' },
}
