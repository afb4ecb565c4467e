import type Stripe from 'stripe'
import { invalidRequest } from './errors'
import type { FormValue, Params } from './types'

/** Rejects what real Stripe rejects, so an adapter sending a misspelt parameter fails here too. */
export const allowOnly = (params: Params, allowed: readonly string[]): void => {
  for (const key of Object.keys(params)) {
    if (key !== 'expand' && !allowed.includes(key)) {
      throw invalidRequest(`Received unknown parameter: ${key}`, { param: key })
    }
  }
}

export const optionalString = (params: Params, name: string): string | undefined => {
  const value = params[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${name}`, { param: name })
  return value
}

export const requiredString = (params: Params, name: string): string => {
  const value = optionalString(params, name)
  if (value === undefined || value === '') {
    throw invalidRequest(`Missing required param: ${name}.`, { param: name })
  }
  return value
}

export const optionalInteger = (params: Params, name: string): number | undefined => {
  const value = optionalString(params, name)
  if (value === undefined) return undefined
  if (!/^-?\d+$/.test(value)) throw invalidRequest(`Invalid integer: ${value}`, { param: name })
  return Number(value)
}

export const optionalBoolean = (params: Params, name: string): boolean | undefined => {
  const value = optionalString(params, name)
  if (value === undefined) return undefined
  if (value !== 'true' && value !== 'false') {
    throw invalidRequest(`Invalid boolean: ${value}`, { param: name })
  }
  return value === 'true'
}

export const oneOf = <T extends string>(
  params: Params,
  name: string,
  values: readonly T[],
): T | undefined => {
  const value = optionalString(params, name)
  if (value === undefined) return undefined
  const found = values.find((v) => v === value)
  if (found === undefined) {
    throw invalidRequest(`Invalid ${name}: must be one of ${values.join(', ')}`, { param: name })
  }
  return found
}

/** Merges `metadata[k]=v` into `current`; an empty value unsets a key, `metadata=` unsets all. */
export const mergeMetadata = (
  current: Stripe.Metadata,
  value: FormValue | undefined,
): Stripe.Metadata => {
  if (value === undefined) return current
  if (value === '') return {}
  if (typeof value === 'string' || Array.isArray(value)) {
    throw invalidRequest('Invalid metadata: must be a hash of keys and values', {
      param: 'metadata',
    })
  }
  const merged: Stripe.Metadata = { ...current }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      throw invalidRequest(`Invalid metadata value for ${key}`, { param: `metadata[${key}]` })
    }
    if (v === '') delete merged[key]
    else merged[key] = v
  }
  return merged
}

export const currencyParam = (params: Params, name = 'currency'): string | undefined =>
  optionalString(params, name)?.toLowerCase()
