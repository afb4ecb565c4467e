import type { In } from '../../src-shared/ipc/contract'

export const pageSizes = [25, 50, 100] as const
const defaultPageSize = pageSizes[0]

/** The customer list as it lives in the URL, so Back and reload keep the search and the page. */
export type ListView = { search: string; page: number; pageSize: number }

const wholeNumber = (raw: string | null): number | undefined =>
  raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined

export const readListView = (params: URLSearchParams): ListView => {
  const page = wholeNumber(params.get('page'))
  const size = wholeNumber(params.get('size'))
  return {
    search: params.get('q') ?? '',
    // The URL page is 1-based for people; the grid's is 0-based.
    page: page !== undefined && page >= 1 ? page - 1 : 0,
    pageSize: pageSizes.find((option) => option === size) ?? defaultPageSize,
  }
}

/** Search params for a view, leaving out every default so URLs stay short. */
export const writeListView = (view: ListView): URLSearchParams => {
  const params = new URLSearchParams()
  if (view.search) params.set('q', view.search)
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
  }
}
