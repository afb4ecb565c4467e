/**
 * Server field errors are keyed by their path inside the input object
 * (`terms.features[0].pricing.tiers[1].up_to`). A scope lets each nested editor look its own
 * fields up by a relative path (`tiers[1].up_to`) without knowing where it sits in the plan.
 */
export type FieldErrors = Readonly<Record<string, string>>

export type ErrorScope = {
  /** The message for a path relative to this scope; '' is the scope itself. */
  get: (path?: string) => string | undefined
  /** Whether any message lies at or below a path, e.g. to flag a feature in a list. */
  has: (path?: string) => boolean
  /** The message at a path or, failing that, the first one below it, prefixed with its sub-path. */
  first: (path?: string) => string | undefined
  at: (path: string) => ErrorScope
  /** Forgets messages at or below a path once the operator edits there. */
  clear: (path?: string) => void
}

const join = (prefix: string, path: string): string => {
  if (!prefix) return path
  if (!path) return prefix
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`
}

const isUnder = (key: string, path: string): boolean =>
  !path || key === path || key.startsWith(`${path}.`) || key.startsWith(`${path}[`)

export type ErrorsUpdate = (update: (errors: FieldErrors) => FieldErrors) => void

export const withoutPath = (errors: FieldErrors, path: string): FieldErrors => {
  const keys = Object.keys(errors)
  if (!keys.some((key) => isUnder(key, path))) return errors
  return Object.fromEntries(Object.entries(errors).filter(([key]) => !isUnder(key, path)))
}

export const errorScope = (
  errors: FieldErrors,
  update?: ErrorsUpdate,
  prefix = '',
): ErrorScope => ({
  get: (path = '') => errors[join(prefix, path)],
  has: (path = '') => Object.keys(errors).some((key) => isUnder(key, join(prefix, path))),
  first: (path = '') => {
    const full = join(prefix, path)
    if (errors[full] !== undefined) return errors[full]
    const key = Object.keys(errors).find((candidate) => isUnder(candidate, full))
    return key === undefined
      ? undefined
      : `${key.slice(full.length).replace(/^\./, '')}: ${errors[key]}`
  },
  at: (path) => errorScope(errors, update, join(prefix, path)),
  clear: (path = '') => update?.((current) => withoutPath(current, join(prefix, path))),
})

/** Two sources for the same fields; the first (the live one) wins where both have a message. */
export const mergeScopes = (first: ErrorScope, second: ErrorScope): ErrorScope => ({
  get: (path) => first.get(path) ?? second.get(path),
  has: (path) => first.has(path) || second.has(path),
  first: (path) => first.first(path) ?? second.first(path),
  at: (path) => mergeScopes(first.at(path), second.at(path)),
  clear: (path) => {
    first.clear(path)
    second.clear(path)
  },
})

export const noErrors: ErrorScope = errorScope({})
