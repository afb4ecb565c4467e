import {
  customerSortFields,
  subscriptionStatuses,
  type CustomerSortField,
  type SubscriptionStatus,
} from '../../src-shared/domain/customers'
import type { ListSort } from '../../src-shared/domain/list-sort'
import type { In } from '../../src-shared/ipc/contract'
import { readSort, writeSort } from '../invoices/list-view'

export const pageSizes = [25, 50, 100] as const
const defaultPageSize = pageSizes[0]

/** The customer list as it lives in the URL, so Back and reload keep the filters and the page. */
export type ListView = {
  search: string
  /** A plan id, or '' for every plan. */
  plan: string
  status: SubscriptionStatus | null
  /** Null: by name. */
  sort: ListSort<CustomerSortField> | null
  page: number
  pageSize: number
}

const wholeNumber = (raw: string | null): number | undefined =>
  raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined

const isStatus = (raw: string | null): raw is SubscriptionStatus =>
  (subscriptionStatuses as readonly (string | null)[]).includes(raw)

const isSortField = (raw: string): raw is CustomerSortField =>
  (customerSortFields as readonly string[]).includes(raw)

export const readListView = (params: URLSearchParams): ListView => {
  const page = wholeNumber(params.get('page'))
  const size = wholeNumber(params.get('size'))
  const status = params.get('status')
  return {
    search: params.get('q') ?? '',
    plan: params.get('plan') ?? '',
    status: isStatus(status) ? status : null,
    sort: readSort(params.get('sort'), isSortField),
    // The URL page is 1-based for people; the grid's is 0-based.
    page: page !== undefined && page >= 1 ? page - 1 : 0,
    pageSize: pageSizes.find((option) => option === size) ?? defaultPageSize,
  }
}

/** Search params for a view, leaving out every default so URLs stay short. */
export const writeListView = (view: ListView): URLSearchParams => {
  const params = new URLSearchParams()
  if (view.search) params.set('q', view.search)
  if (view.plan) params.set('plan', view.plan)
  if (view.status) params.set('status', view.status)
  if (view.sort) params.set('sort', writeSort(view.sort))
  if (view.page > 0) params.set('page', String(view.page + 1))
  if (view.pageSize !== defaultPageSize) params.set('size', String(view.pageSize))
  return params
}

export const toListQuery = (view: ListView): In<'customers:list'> => {
  const search = view.search.trim()
  return {
    limit: view.pageSize,
    offset: view.page * view.pageSize,
    ...(search ? { search } : {}),
    ...(view.plan ? { plan: view.plan } : {}),
    ...(view.status ? { status: view.status } : {}),
    ...(view.sort ? { sort: view.sort } : {}),
  }
}
