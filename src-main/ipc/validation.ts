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
