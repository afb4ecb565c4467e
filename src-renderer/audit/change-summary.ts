import type { AuditEntry } from '../../src-shared/domain/audit'
import type { JsonValue } from '../../src-shared/domain/json'

type JsonObject = { [key: string]: JsonValue }

const isObject = (value: JsonValue | null): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const jsonEqual = (a: JsonValue | undefined, b: JsonValue | undefined): boolean => {
  if (a === b) return true
  if (a === undefined || b === undefined || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((item, index) => jsonEqual(item, b[index]))
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].every((key) => jsonEqual(a[key], b[key]))
  }
  return false
}

/** Top-level keys whose value differs between the two states, in a stable order. */
export const changedKeys = (before: JsonValue | null, after: JsonValue | null): string[] => {
  if (!isObject(before) || !isObject(after)) return []
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  return keys.filter((key) => !jsonEqual(before[key], after[key]))
}

const maxKeys = 4

/** One short phrase for a list cell: which fields changed, or whether the entity came or went. */
export const summarizeChange = ({
  before,
  after,
}: Pick<AuditEntry, 'before' | 'after'>): string => {
  if (before === null && after === null) return ''
  if (before === null) return 'created'
  if (after === null) return 'deleted'
  if (!isObject(before) || !isObject(after)) return jsonEqual(before, after) ? '' : 'value changed'
  const keys = changedKeys(before, after)
  if (keys.length === 0) return 'no changes'
  const shown = keys.slice(0, maxKeys).join(', ')
  return keys.length > maxKeys ? `${shown} +${keys.length - maxKeys} more` : shown
}
