import type { z } from 'zod'
import type { ContractError } from '../../src-shared/ipc/result'
import { AppError } from '../errors'

/** `plans[2].features[0].code`: the path a person reads, not zod's array of keys. */
export const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`
    const name = String(key)
    return out === '' ? name : `${out}.${name}`
  }, '')

/** Each failing field by its path (under `prefix`), with the first reason given for it. */
export const issueFields = (
  error: z.ZodError,
  prefix: readonly PropertyKey[] = [],
): Record<string, string> => {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const at = [...prefix, ...issue.path]
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[formatPath([...at, key])] = 'is not a known field'
      continue
    }
    fields[formatPath(at) || '(input)'] ??= issue.message
  }
  return fields
}

const summary = (fields: Record<string, string>): string =>
  Object.entries(fields)
    .map(([path, message]) => `${path}: ${message}`)
    .join('; ')

export const validationError = (channel: string, error: z.ZodError): ContractError => {
  const fields = issueFields(error)
  return {
    code: 'validation_failed',
    message: `Invalid input for ${channel}: ${summary(fields)}`,
    fields,
  }
}

/**
 * Validates part of an input deeper than the contract's schema can (pricing definitions live in
 * main), reporting paths from the input's root so the renderer can put each error by its field.
 */
export const parseOrThrow = <S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix: readonly PropertyKey[],
  subject: string,
): z.output<S> => {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const fields = issueFields(parsed.error, prefix)
  throw new AppError('validation_failed', `Invalid ${subject}: ${summary(fields)}`, fields)
}

/** Deeper than any input of the contract; a deeper value is refused before it is walked. */
const MAX_DEPTH = 32

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * Why a value is not plain data (JSON's null, booleans, finite numbers, strings, arrays and plain
 * objects), or null when it is. Electron's IPC carries Dates, Maps, Sets, RegExps, typed arrays
 * and class instances, which a schema may read as `{}`: refused here, whatever the host.
 */
export const notPlainData = (value: unknown, path = '(input)', depth = 0): string | null => {
  if (depth > MAX_DEPTH) return `${path}: is nested too deeply`
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null
    case 'number':
      return Number.isFinite(value) ? null : `${path}: must be a finite number`
    case 'object': {
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return `${path}: is not plain data`
        for (const [i, item] of value.entries()) {
          const problem = notPlainData(item, `${path}[${i}]`, depth + 1)
          if (problem) return problem
        }
        return null
      }
      if (!isPlainObject(value)) {
        const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object'
        return `${path}: a ${name} is not plain data`
      }
      for (const [key, item] of Object.entries(value)) {
        const problem = notPlainData(item, path === '(input)' ? key : `${path}.${key}`, depth + 1)
        if (problem) return problem
      }
      return null
    }
    default:
      return `${path}: a ${typeof value} is not plain data`
  }
}
