import type { ListSort } from '../../src-shared/domain/list-sort'
import {
  failureSortFields,
  retryStrategies,
  type FailureQuery,
  type FailureSortField,
  type FailureStatus,
  type RetryStrategy,
} from '../../src-shared/domain/payments'
import { isCurrency, parseMajor } from '../../src-shared/money'
import { readSort, writeSort } from '../invoices/list-view'

export type StatusFilter = FailureStatus | 'all'
export const statusFilters = ['open', 'resolved', 'written_off', 'all'] as const

export type AgeUnit = 'h' | 'd'

/** The queue's filters as they live in the URL: plain strings, '' meaning "any". */
export type RetryFilters = {
  status: StatusFilter
  strategy: RetryStrategy | ''
  errorType: string
  customer: string
  /** Minimum age, a whole number of `ageUnit`. */
  minAge: string
  ageUnit: AgeUnit
  /** Minimum amount in major units of the amount's currency, as typed ("100", "49.90"). */
  minAmount: string
  /** Only failures in this currency ('' = any); the minimum amount is typed in it. */
  currency: string
}

/** `sort` null: newest first. */
export type RetryView = RetryFilters & {
  sort: ListSort<FailureSortField> | null
  page: number
  pageSize: number
}

const isSortField = (raw: string): raw is FailureSortField =>
  (failureSortFields as readonly string[]).includes(raw)

export const pageSizes = [25, 50, 100] as const
const defaultPageSize = pageSizes[0]
const textKeys = ['errorType', 'customer', 'minAge', 'minAmount', 'currency'] as const

const wholeNumber = (raw: string | null): number | undefined =>
  raw !== null && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined

const oneOf = <T extends string>(options: readonly T[], raw: string | null): T | undefined =>
  options.find((option) => option === raw)

/** Reads the view from search params, falling back to defaults for anything hand-mangled. */
export const readRetryView = (params: URLSearchParams): RetryView => {
  const page = wholeNumber(params.get('page'))
  const size = wholeNumber(params.get('size'))
  return {
    status: oneOf(statusFilters, params.get('status')) ?? 'open',
    strategy: oneOf(retryStrategies, params.get('strategy')) ?? '',
    errorType: params.get('errorType') ?? '',
    customer: params.get('customer') ?? '',
    minAge: params.get('minAge') ?? '',
    ageUnit: params.get('ageUnit') === 'd' ? 'd' : 'h',
    minAmount: params.get('minAmount') ?? '',
    currency: /^[A-Z]{3}$/.test(params.get('currency') ?? '') ? (params.get('currency') ?? '') : '',
    sort: readSort(params.get('sort'), isSortField),
    // The URL page is 1-based for people; the grid's is 0-based.
    page: page !== undefined && page >= 1 ? page - 1 : 0,
    pageSize: pageSizes.find((option) => option === size) ?? defaultPageSize,
  }
}

/** The search params for a view, leaving out every default so URLs stay short. */
export const writeRetryView = (view: RetryView): URLSearchParams => {
  const params = new URLSearchParams()
  if (view.status !== 'open') params.set('status', view.status)
  if (view.strategy) params.set('strategy', view.strategy)
  for (const key of textKeys) if (view[key] !== '') params.set(key, view[key])
  if (view.ageUnit !== 'h') params.set('ageUnit', view.ageUnit)
  if (view.sort) params.set('sort', writeSort(view.sort))
  if (view.page > 0) params.set('page', String(view.page + 1))
  if (view.pageSize !== defaultPageSize) params.set('size', String(view.pageSize))
  return params
}

export const hasFilters = (view: RetryFilters): boolean =>
  view.status !== 'open' || view.strategy !== '' || textKeys.some((key) => view[key] !== '')

/**
 * What the minimum amount is typed in: the currency filter, or else the default currency (an
 * amount means nothing across currencies, so the query then keeps to that currency).
 */
export const amountCurrency = (view: RetryFilters, defaultCurrency: string): string =>
  view.currency || defaultCurrency

/** Why a typed filter cannot be sent; the query leaves it out until it can. */
export const filterProblems = (
  view: RetryFilters,
  defaultCurrency: string,
): Partial<Record<'minAge' | 'minAmount', string>> => {
  const currency = amountCurrency(view, defaultCurrency)
  const problems: Partial<Record<'minAge' | 'minAmount', string>> = {}
  if (view.minAge.trim() !== '' && wholeNumber(view.minAge) === undefined)
    problems.minAge = 'A whole number'
  if (
    view.minAmount.trim() !== '' &&
    (!isCurrency(currency) || parseMajor(view.minAmount, currency) === undefined)
  )
    problems.minAmount = `An amount in ${currency} such as 100.00`
  return problems
}

/** The channel query for a view; `defaultCurrency` is the amount's when no currency is chosen. */
export const toFailureQuery = (view: RetryView, defaultCurrency: string): FailureQuery => {
  const currency = amountCurrency(view, defaultCurrency)
  const query: FailureQuery = {
    status: view.status,
    limit: view.pageSize,
    offset: view.page * view.pageSize,
  }
  if (view.strategy) query.strategy = view.strategy
  if (view.sort) query.sort = view.sort
  if (view.errorType) query.errorType = view.errorType
  const customer = view.customer.trim()
  if (customer) query.customer = customer
  const age = wholeNumber(view.minAge)
  if (age !== undefined)
    query.minAgeHours = Math.min(view.ageUnit === 'd' ? age * 24 : age, 100_000)
  if (view.minAmount.trim() !== '' && isCurrency(currency)) {
    const minor = parseMajor(view.minAmount, currency)
    if (minor !== undefined) Object.assign(query, { minAmountMinor: minor, currency })
  }
  if (view.currency) query.currency = view.currency
  return query
}
