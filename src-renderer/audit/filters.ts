import {
  auditSortFields,
  type AuditQuery,
  type AuditSortField,
} from '../../src-shared/domain/audit'
import type { ListSort } from '../../src-shared/domain/list-sort'
import { readSort, writeSort } from '../invoices/list-view'

/** The audit filters as they live in the URL: plain strings, '' meaning "any". */
export type AuditFilters = {
  action: string
  entityType: string
  entityId: string
  operator: string
  /** Local calendar day, `YYYY-MM-DD`, as a date input yields it. */
  from: string
  to: string
}

export const filterKeys = [
  'action',
  'entityType',
  'entityId',
  'operator',
  'from',
  'to',
] as const satisfies readonly (keyof AuditFilters)[]

export const pageSizes = [25, 50, 100] as const
const defaultPageSize = pageSizes[0]

/** `sort` null: newest first, the server's default. */
export type AuditView = AuditFilters & {
  page: number
  pageSize: number
  sort: ListSort<AuditSortField> | null
}

const isSortField = (text: string): text is AuditSortField =>
  (auditSortFields as readonly string[]).includes(text)

const wholeNumber = (raw: string | null): number | undefined => {
  if (raw === null || !/^\d+$/.test(raw)) return undefined
  return Number(raw)
}

/** Reads the view from search params, falling back to defaults for anything hand-mangled. */
export const readView = (params: URLSearchParams): AuditView => {
  const size = wholeNumber(params.get('size'))
  const page = wholeNumber(params.get('page'))
  return {
    action: params.get('action') ?? '',
    entityType: params.get('entityType') ?? '',
    entityId: params.get('entityId') ?? '',
    operator: params.get('operator') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    // The URL page is 1-based for people; the grid's is 0-based.
    page: page !== undefined && page >= 1 ? page - 1 : 0,
    pageSize: pageSizes.find((option) => option === size) ?? defaultPageSize,
    sort: readSort(params.get('sort'), isSortField),
  }
}

/** The search params for a view, leaving out every default so URLs stay short. */
export const writeView = (view: AuditView): URLSearchParams => {
  const params = new URLSearchParams()
  for (const key of filterKeys) if (view[key] !== '') params.set(key, view[key])
  if (view.page > 0) params.set('page', String(view.page + 1))
  if (view.pageSize !== defaultPageSize) params.set('size', String(view.pageSize))
  if (view.sort) params.set('sort', writeSort(view.sort))
  return params
}

export const hasFilters = (view: AuditFilters): boolean =>
  filterKeys.some((key) => view[key] !== '')

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

/** The channel query for a view: "to" covers the whole chosen day (the bound is exclusive). */
export const toAuditQuery = (view: AuditView): AuditQuery => {
  const query: AuditQuery = {
    limit: view.pageSize,
    offset: view.page * view.pageSize,
    ...(view.sort ? { sort: view.sort } : {}),
  }
  if (view.action) query.action = view.action
  if (view.entityType) query.entityType = view.entityType
  if (view.entityId.trim()) query.entityId = view.entityId.trim()
  if (view.operator) query.operator = view.operator
  const from = localDayStart(view.from, 0)
  if (from) query.from = from
  const to = localDayStart(view.to, 1)
  if (to) query.to = to
  return query
}
