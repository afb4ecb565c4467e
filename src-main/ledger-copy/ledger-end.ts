import { createHash } from 'node:crypto'
import type { AppliedMigration } from '../db/migrate'

/**
 * Every ledger table in foreign-key order (a table after those it references), what `ledger copy`
 * moves. `schema_migration` is not among them: each ledger records its own migrations.
 * tests/pg/ledger-copy.test.ts checks the list against the schema, so a new table is not missed.
 */
export const LEDGER_TABLES = [
  'audit_entry',
  'setting',
  'operator',
  'plan',
  'plan_version',
  'customer',
  'subscription',
  'subscription_transition',
  'subscription_change',
  'usage_import',
  'usage_event',
  'usage_staging',
  'usage_reject',
  'billing_run',
  'billing_run_item',
  'ledger_lock',
  'schedule_state',
  'invoice',
  'invoice_line',
  'invoice_discount',
  'number_sequence',
  'credit_note',
  'credit_note_line',
  'credit_entry',
  'discount',
  // Coupons (issue 21, item 6)
  'coupon',
  'coupon_amount',
  'coupon_plan',
  'coupon_redemption',
  'stripe_customer',
  'invoice_payment',
  'outbox',
  'payment_failure',
  'payment_attempt',
  'stripe_event',
  'payment_sync',
  'invoice_snapshot',
  'credit_note_snapshot',
  'usage_alert',
  'dispute',
  'dispute_step',
  'mail_outbox',
] as const

/**
 * Rows a migration writes into a new ledger (payment_sync's identity row, the operators switch), so a just-migrated
 * ledger still counts as empty; the copy replaces it with the source's.
 */
export const SEEDED_TABLES: readonly string[] = ['payment_sync', 'setting']

/** A value as both databases agree on it: integers as decimal text, text as is, or null. */
export type Value = string | null

/** A value read from either database (text, an integer as number or bigint, or null). */
export const canonical = (value: unknown): Value => {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString()
  throw new Error(`A ledger column holds a ${typeof value}, neither text nor an integer.`)
}

/** Batches of rows, read synchronously (SQLite) or not (PostgreSQL). */
export type Batches = Iterable<Value[][]> | AsyncIterable<Value[][]>

export type TableShape = {
  name: string
  /** In name order: the order values travel and are checksummed in, whatever the table's. */
  columns: { name: string; integer: boolean }[]
  key: string[]
}

/** One side of a copy: a SQLite file or a PostgreSQL database. */
export type LedgerEnd = {
  label: string
  kind: 'sqlite' | 'postgres'
  applied: () => Promise<AppliedMigration[]>
  shape: (table: string) => Promise<TableShape>
  count: (table: string) => Promise<number>
  /** The rows in batches: `key` order for checksums, `stored` order (SQLite's rowid) to copy. */
  rows: (shape: TableShape, order: 'key' | 'stored', batchSize: number) => Batches
  close: () => Promise<void>
}

/** A ledger being written: everything happens in one transaction, kept or dropped at the end. */
export type TargetEnd = LedgerEnd & {
  begin: () => Promise<void>
  write: (shape: TableShape, rows: Value[][]) => Promise<void>
  /** After the rows: what the database needs to carry on (PostgreSQL's id sequences). */
  finishCopy: () => Promise<void>
  end: (keep: boolean) => Promise<void>
}

export const quote = (name: string): string => `"${name}"`

/** sha256 of the rows in key order, each as the JSON array of its canonical values. */
export const checksumRows = async (batches: Batches): Promise<string> => {
  const hash = createHash('sha256')
  for await (const batch of batches) {
    for (const row of batch) hash.update(`${JSON.stringify(row)}\n`)
  }
  return hash.digest('hex')
}
