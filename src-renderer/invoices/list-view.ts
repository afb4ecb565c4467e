import {
  invoiceSortFields,
  invoiceStatuses,
  type InvoiceSortField,
  type InvoiceStatus,
} from '../../src-shared/domain/billing'
import type { ListSort } from '../../src-shared/domain/list-sort'
import type { In } from '../../src-shared/ipc/contract'

export const pageSizes = [25, 50, 100] as const
const defaultPageSize = pageSizes[0]

/** The invoice list as it lives in the URL, so Back and reload keep the filters and the page. */
export type InvoiceListView = {
  status: InvoiceStatus | null
  /** Finalized and past due (the Overdue chip); set, the status chips are off. */
  overdue: boolean
  /** Null: the server's default order (newest period first). */
  sort: ListSort<InvoiceSortField> | null
  period: string
  search: string
  page: number
  pageSize: number
}

const wholeNumber = (raw: string | null): number | undefined =>
  raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined

const isStatus = (raw: string | null): raw is InvoiceStatus =>
  (invoiceStatuses as readonly (string | null)[]).includes(raw)

const isSortField = (raw: string | null): raw is InvoiceSortField =>
  (invoiceSortFields as readonly (string | null)[]).includes(raw)

/** `sort=amount` (ascending) or `sort=-amount` (descending). */
export const readSort = <F extends string>(
  raw: string | null,
  isField: (text: string) => text is F,
): ListSort<F> | null => {
  const field = raw?.replace(/^-/, '') ?? null
  if (field === null || !isField(field)) return null
  return { field, direction: raw?.startsWith('-') ? 'desc' : 'asc' }
}

export const writeSort = (sort: ListSort<string>): string =>
  `${sort.direction === 'desc' ? '-' : ''}${sort.field}`

export const isPeriod = (text: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(text)

export const readInvoiceView = (params: URLSearchParams): InvoiceListView => {
  const page = wholeNumber(params.get('page'))
  const size = wholeNumber(params.get('size'))
  const status = params.get('status')
  return {
    status: isStatus(status) ? status : null,
    overdue: params.get('overdue') === '1',
    sort: readSort(params.get('sort'), (text) => isSortField(text)),
    period: params.get('period') ?? '',
    search: params.get('q') ?? '',
    // The URL page is 1-based for people; the grid's is 0-based.
    page: page !== undefined && page >= 1 ? page - 1 : 0,
    pageSize: pageSizes.find((option) => option === size) ?? defaultPageSize,
  }
}

/** Search params for a view, leaving out every default so URLs stay short. */
export const writeInvoiceView = (view: InvoiceListView): URLSearchParams => {
  const params = new URLSearchParams()
  if (view.status) params.set('status', view.status)
  if (view.overdue) params.set('overdue', '1')
  if (view.sort) params.set('sort', writeSort(view.sort))
  if (view.period) params.set('period', view.period)
  if (view.search) params.set('q', view.search)
  if (view.page > 0) params.set('page', String(view.page + 1))
  if (view.pageSize !== defaultPageSize) params.set('size', String(view.pageSize))
  return params
}

/** The query for a view; a half-typed period is left out rather than sent and refused. */
export const toInvoiceQuery = (view: InvoiceListView): In<'invoices:list'> => {
  const search = view.search.trim()
  return {
    limit: view.pageSize,
    offset: view.page * view.pageSize,
    ...(view.status ? { status: view.status } : {}),
    ...(view.overdue ? { overdue: true } : {}),
    ...(view.sort ? { sort: view.sort } : {}),
    ...(isPeriod(view.period) ? { period: view.period } : {}),
    ...(search ? { search } : {}),
  }
}
