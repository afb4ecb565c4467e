import type { ListSort } from '../../src-shared/domain/list-sort'
import {
  usageSortFields,
  type UsageFilter,
  type UsageQuery,
  type UsageSeriesQuery,
  type UsageSortField,
} from '../../src-shared/domain/usage'
import { readSort, writeSort } from '../invoices/list-view'

/** The explorer's filters as they live in the URL: plain strings, '' meaning "any". */
export type ExplorerFilters = {
  /** The start of a customer's name or id. */
  customer: string
  metric: string
  /** Local calendar days, `YYYY-MM-DD`, as a date input yields them. */
  from: string
  to: string
}

/** `sort` null: newest first, the server's default. */
export type ExplorerView = ExplorerFilters & {
  page: number
  pageSize: number
  sort: ListSort<UsageSortField> | null
}

const isSortField = (text: string): text is UsageSortField =>
  (usageSortFields as readonly string[]).includes(text)

export const eventPageSizes = [25, 50, 100] as const
const defaultPageSize = eventPageSizes[0]
const filterKeys = ['customer', 'metric', 'from', 'to'] as const

const wholeNumber = (raw: string | null): number | undefined =>
  raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined

export const readExplorerView = (params: URLSearchParams): ExplorerView => {
  const page = wholeNumber(params.get('page'))
  const size = wholeNumber(params.get('size'))
  return {
    customer: params.get('customer') ?? '',
    metric: params.get('metric') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    page: page !== undefined && page >= 1 ? page - 1 : 0,
    pageSize: eventPageSizes.find((option) => option === size) ?? defaultPageSize,
    sort: readSort(params.get('sort'), isSortField),
  }
}

/** Writes the view into `params`, keeping what other parts of the page keep there (the tab). */
export const writeExplorerView = (params: URLSearchParams, view: ExplorerView): URLSearchParams => {
  const next = new URLSearchParams(params)
  for (const key of filterKeys) {
    if (view[key]) next.set(key, view[key])
    else next.delete(key)
  }
  if (view.page > 0) next.set('page', String(view.page + 1))
  else next.delete('page')
  if (view.pageSize !== defaultPageSize) next.set('size', String(view.pageSize))
  else next.delete('size')
  if (view.sort) next.set('sort', writeSort(view.sort))
  else next.delete('sort')
  return next
}

/**
 * Local midnight at the start of a `YYYY-MM-DD` day, `days` later, as an ISO instant. Built from
 * calendar parts so daylight-saving days still begin at their real midnight.
 */
const localDayStart = (day: string, days: number): string | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return undefined
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

const narrow = (view: ExplorerFilters) => {
  const customer = view.customer.trim()
  return {
    ...(customer ? { search: customer } : {}),
    ...(view.metric ? { metric: view.metric } : {}),
  }
}

/** What the totals add up: the events the filters select, every page of them. */
export const toTotalsQuery = (view: ExplorerFilters): UsageFilter => {
  const from = localDayStart(view.from, 0)
  const to = localDayStart(view.to, 1)
  return { ...narrow(view), ...(from ? { from } : {}), ...(to ? { to } : {}) }
}

/** The events page for a view: "to" covers the whole chosen day (the bound is exclusive). */
export const toEventsQuery = (view: ExplorerView): UsageQuery => ({
  ...toTotalsQuery(view),
  ...(view.sort ? { sort: view.sort } : {}),
  limit: view.pageSize,
  offset: view.page * view.pageSize,
})

const defaultDays = 30
const dayMs = 24 * 60 * 60 * 1000

/**
 * The chart needs a range: the filter's, else the last 30 days. Ranges of two days or less are
 * drawn by the hour, longer ones by the day.
 */
export const toSeriesQuery = (view: ExplorerFilters, today: string): UsageSeriesQuery => {
  const to = localDayStart(view.to, 1) ?? localDayStart(today, 1) ?? new Date().toISOString()
  const from =
    localDayStart(view.from, 0) ?? new Date(Date.parse(to) - defaultDays * dayMs).toISOString()
  const bucket = Date.parse(to) - Date.parse(from) <= 2 * dayMs ? 'hour' : 'day'
  return { ...narrow(view), from, to, bucket }
}

export const hasFilters = (view: ExplorerFilters): boolean =>
  filterKeys.some((key) => view[key] !== '')
