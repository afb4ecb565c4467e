/**
 * The fields a usage event has, and the default column names that carry them. Kept apart from
 * the contract's schemas (usage.ts) so that the usage file parser, which runs in a worker
 * thread of its own, loads no validation library.
 */
export const usageFields = ['event_id', 'customer_id', 'metric', 'quantity', 'timestamp'] as const
export type UsageField = (typeof usageFields)[number]

/** Which source column carries each field; other columns are kept as the event's properties. */
export type ColumnMapping = Record<UsageField, string>
