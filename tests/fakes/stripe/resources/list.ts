import type Stripe from 'stripe'
import { invalidRequest } from '../errors'
import { optionalInteger, optionalString } from '../params'
import type { Params } from '../types'

type Listable = { id: string; created: number }

/** `created=n` or `created[gte|gt|lte|lt]=n`, as Stripe's RangeQueryParam. */
const createdFilter = (params: Params): ((created: number) => boolean) => {
  const value = params.created
  if (value === undefined) return () => true
  const num = (raw: unknown, name: string): number => {
    if (typeof raw !== 'string' || !/^\d+$/.test(raw)) {
      throw invalidRequest(`Invalid integer: ${String(raw)}`, { param: name })
    }
    return Number(raw)
  }
  if (typeof value === 'string') {
    const exact = num(value, 'created')
    return (created) => created === exact
  }
  if (Array.isArray(value)) throw invalidRequest('Invalid created', { param: 'created' })
  const bounds = Object.entries(value).map(([op, raw]) => {
    const n = num(raw, `created[${op}]`)
    switch (op) {
      case 'gte':
        return (c: number) => c >= n
      case 'gt':
        return (c: number) => c > n
      case 'lte':
        return (c: number) => c <= n
      case 'lt':
        return (c: number) => c < n
      default:
        throw invalidRequest(`Received unknown parameter: created[${op}]`, {
          param: `created[${op}]`,
        })
    }
  })
  return (created) => bounds.every((ok) => ok(created))
}

/**
 * Stripe list semantics over `items` given oldest first: newest first, `limit` (1..100, default
 * 10), `starting_after` pages to older objects, `ending_before` to newer ones, `has_more`.
 */
export const listPage = <T extends Listable>(
  items: readonly T[],
  params: Params,
  url: string,
  kind: string,
  keep: (item: T) => boolean = () => true,
): Stripe.ApiList<T> => {
  const limit = optionalInteger(params, 'limit') ?? 10
  if (limit < 1 || limit > 100) {
    throw invalidRequest('Invalid limit: must be between 1 and 100', { param: 'limit' })
  }
  const after = optionalString(params, 'starting_after')
  const before = optionalString(params, 'ending_before')
  if (after !== undefined && before !== undefined) {
    throw invalidRequest(
      'You may only specify one of these parameters: ending_before, starting_after.',
    )
  }
  const newestFirst = [...items].reverse()
  const position = (id: string, param: string): number => {
    const index = newestFirst.findIndex((item) => item.id === id)
    if (index < 0) {
      throw invalidRequest(`No such ${kind}: '${id}'`, { code: 'resource_missing', param })
    }
    return index
  }
  const inCreated = createdFilter(params)
  const matches = (item: T): boolean => keep(item) && inCreated(item.created)
  // The cursor's place in the unfiltered order decides the page, as on Stripe.
  if (before !== undefined) {
    const newer = newestFirst.slice(0, position(before, 'ending_before')).filter(matches)
    return {
      object: 'list',
      data: newer.slice(Math.max(0, newer.length - limit)),
      has_more: newer.length > limit,
      url,
    }
  }
  const start = after === undefined ? 0 : position(after, 'starting_after') + 1
  const older = newestFirst.slice(start).filter(matches)
  return { object: 'list', data: older.slice(0, limit), has_more: older.length > limit, url }
}
