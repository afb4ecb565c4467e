import {
  usageFields,
  type ColumnMapping,
  type UsageField,
  type UsageFormat,
  type UsagePreview,
} from '../../src-shared/domain/usage'
import { ApiError } from '../api'

/** What the wizard knows about the chosen file before anything is imported. */
export type Draft = {
  file: File
  format: UsageFormat
  /** The first ~64 KB as text: what the preview and the column detection read. */
  sample: string
  headers: string[]
  delimiter: string | null
  mapping: Partial<ColumnMapping>
  /** The preview under the chosen mapping. */
  preview?: UsagePreview
}

/** The mapping, once every field has a column. */
export const completeMapping = (mapping: Partial<ColumnMapping>): ColumnMapping | undefined => {
  const { event_id, customer_id, metric, quantity, timestamp } = mapping
  if (!event_id || !customer_id || !metric || !quantity || !timestamp) return undefined
  return { event_id, customer_id, metric, quantity, timestamp }
}

/** Whether every message of a rejected preview sits under a mapping select. */
export const onlyMappingErrors = (error: unknown): boolean =>
  error instanceof ApiError &&
  error.fields !== undefined &&
  Object.keys(error.fields).length > 0 &&
  Object.keys(error.fields).every((path) =>
    usageFields.some((field) => path === `mapping.${field}`),
  )

/** A rejected preview's messages for the mapping selects (`mapping.quantity` → quantity). */
export const mappingErrorsOf = (error: unknown): Partial<Record<UsageField, string>> => {
  if (!(error instanceof ApiError) || !error.fields) return {}
  const errors: Partial<Record<UsageField, string>> = {}
  for (const [path, message] of Object.entries(error.fields)) {
    const field = usageFields.find((name) => path === `mapping.${name}`)
    if (field) errors[field] = message
  }
  return errors
}
