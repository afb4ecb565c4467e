import type { z } from 'zod'
import type { ContractError } from '../../src-shared/ipc/result'

/** `plans[2].features[0].code`: the path a person reads, not zod's array of keys. */
export const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`
    const name = String(key)
    return out === '' ? name : `${out}.${name}`
  }, '')

export const validationError = (channel: string, error: z.ZodError): ContractError => {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        fields[formatPath([...issue.path, key])] = 'is not a known field'
      continue
    }
    const path = formatPath(issue.path) || '(input)'
    fields[path] ??= issue.message
  }
  const summary = Object.entries(fields)
    .map(([path, message]) => `${path}: ${message}`)
    .join('; ')
  return { code: 'validation_failed', message: `Invalid input for ${channel}: ${summary}`, fields }
}
