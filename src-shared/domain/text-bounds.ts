import { z } from 'zod'

/**
 * The longest text each kind of field accepts, in one place. Every string that reaches the ledger,
 * the audit or a query has a bound: a 5 MB void reason would be stored in the audit forever, and
 * a 50,000-character search fails inside SQLite ("LIKE or GLOB pattern too complex") instead of
 * as a validation error naming the field.
 */
export const textBounds = {
  /** Why a person did something (void, write off, cancel): stored in the audit. */
  reason: 2_000,
  note: 2_000,
  name: 200,
  description: 500,
  /** What a person typed into a search or filter box. */
  search: 200,
  /** An id or code a record is looked up by (an external id, an import id, a plan id). */
  id: 200,
  fileName: 500,
} as const

const tooLong = (max: number): string => `must be at most ${max.toLocaleString('en')} characters`

/** A required reason. */
export const ReasonText = z
  .string()
  .trim()
  .min(1, 'must say why')
  .max(textBounds.reason, tooLong(textBounds.reason))

export const SearchText = z.string().max(textBounds.search, tooLong(textBounds.search))

export const IdText = z.string().max(textBounds.id, tooLong(textBounds.id))

export const FileNameText = z.string().max(textBounds.fileName, tooLong(textBounds.fileName))
