import type Database from 'better-sqlite3'
import {
  ColumnMappingSchema,
  usageFields,
  type ColumnMapping,
  type UsageField,
} from '../../src-shared/domain/usage'

/** The `setting` key holding remembered mappings: a JSON object, header signature → mapping. */
export const MAPPINGS_KEY = 'usage.mappings'
/** Enough for every export a business receives, small enough to read on every import. */
const REMEMBERED_LIMIT = 50

/** Names each field goes by in exports, compared without case, spaces, `_` or `-`. */
const aliases: Record<UsageField, string[]> = {
  event_id: ['event_id', 'id', 'event', 'eventid', 'uuid'],
  customer_id: ['customer_id', 'customer', 'account', 'account_id', 'customer_external_id'],
  metric: ['metric', 'feature', 'meter', 'metric_code', 'feature_code'],
  quantity: ['quantity', 'qty', 'amount', 'value', 'units'],
  timestamp: ['timestamp', 'time', 'ts', 'occurred_at', 'date', 'datetime'],
}

const loose = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, '')

/** The same set of columns, in any order, gives the same signature. */
export const headerSignature = (headers: readonly string[]): string =>
  JSON.stringify([...new Set(headers.map((h) => h.trim()))].sort())

/**
 * The mapping the column names suggest: each field takes the first column matching its own
 * name or else one of its aliases, in that order of preference. Null unless all five are found.
 */
export const detectMapping = (headers: readonly string[]): ColumnMapping | null => {
  const taken = new Set<string>()
  const mapping: Partial<ColumnMapping> = {}
  for (const field of usageFields) {
    for (const alias of aliases[field]) {
      const column = headers.find((h) => !taken.has(h) && loose(h) === loose(alias))
      if (column !== undefined) {
        mapping[field] = column
        taken.add(column)
        break
      }
    }
  }
  const parsed = ColumnMappingSchema.safeParse(mapping)
  return parsed.success ? parsed.data : null
}

const readRemembered = (db: Database.Database): Record<string, ColumnMapping> => {
  const json = db
    .prepare<[string], string>('SELECT value_json FROM setting WHERE key = ?')
    .pluck()
    .get(MAPPINGS_KEY)
  if (json === undefined) return {}
  const stored = JSON.parse(json) as Record<string, unknown>
  const valid: Record<string, ColumnMapping> = {}
  for (const [signature, value] of Object.entries(stored)) {
    const parsed = ColumnMappingSchema.safeParse(value)
    if (parsed.success) valid[signature] = parsed.data
  }
  return valid
}

/** The mapping remembered for these columns, if it still fits them; else a detected one. */
export const mappingFor = (
  db: Database.Database,
  headers: readonly string[],
): ColumnMapping | null => {
  const remembered = readRemembered(db)[headerSignature(headers)]
  if (remembered && usageFields.every((f) => headers.includes(remembered[f]))) return remembered
  return detectMapping(headers)
}

/**
 * Remembers the mapping used for these columns (the caller's transaction: the import's own).
 * The most recent use goes last; the oldest are forgotten past the limit.
 */
export const rememberMapping = (
  db: Database.Database,
  headers: readonly string[],
  mapping: ColumnMapping,
  at: string,
): void => {
  const remembered = readRemembered(db)
  const signature = headerSignature(headers)
  delete remembered[signature]
  remembered[signature] = mapping
  const kept = Object.entries(remembered).slice(-REMEMBERED_LIMIT)
  db.prepare(
    `INSERT INTO setting (key, value_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  ).run(MAPPINGS_KEY, JSON.stringify(Object.fromEntries(kept)), at)
}
