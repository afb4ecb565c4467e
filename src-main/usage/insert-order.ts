import type { Batch } from './batch'

/** The valid rows of a batch in the order they are inserted, and the rows that repeat an id. */
export type InsertPlan = {
  /** Indexes into the batch: the first row of each event id, in insertion order. */
  order: Uint32Array
  count: number
  /** Rows whose event id came earlier in the batch: settled once the batch is stored. */
  repeats: number[]
}

/** Packing below keeps a row index in the low 20 bits: batches must stay under this. */
export const MAX_BATCH_ROWS = 1 << 20
/** Metrics beyond this many share the last slot: they still sort by customer. */
const METRIC_SLOTS = 1024
/** Sort keys stay exact doubles while customer ids stay under this (2^53 / 2^20 / 1024). */
const MAX_SORTED_CUSTOMER = 2 ** 23

/**
 * Orders a batch for the table's clustering key (customer_id, metric, ts). Rows of a file come
 * in time order, spread over every customer; inserted that way each one lands on another page
 * of the table. Grouped by customer and metric, consecutive inserts land on the same pages, which
 * stay in the CPU's caches. Within a group the file's order is kept (usually time order), so the
 * order only changes speed, never what is stored.
 *
 * Only the first row of each event id is inserted in that order; later rows with the same id are
 * set aside so the first one in the file is the one stored, as if rows went in one by one.
 * `metricSlots` numbers metrics as they are first seen (any order keeps a customer's rows
 * together) and lives as long as the import.
 */
export const planInserts = (batch: Batch, metricSlots: Map<string, number>): InsertPlan => {
  const seen = new Map<string, number>()
  const repeats: number[] = []
  const keys = new Float64Array(batch.valid)
  const firsts = new Uint32Array(batch.valid)
  let count = 0
  let sortable = batch.valid <= MAX_BATCH_ROWS
  for (let i = 0; i < batch.valid; i++) {
    const eventId = batch.eventId[i] ?? ''
    if (seen.has(eventId)) {
      repeats.push(i)
      continue
    }
    seen.set(eventId, i)
    const metric = batch.metric[i] ?? ''
    let slot = metricSlots.get(metric)
    if (slot === undefined) {
      slot = Math.min(metricSlots.size, METRIC_SLOTS - 1)
      metricSlots.set(metric, slot)
    }
    const customer = batch.customerId[i] ?? 0
    if (customer < 0 || customer >= MAX_SORTED_CUSTOMER) sortable = false
    keys[count] = (customer * METRIC_SLOTS + slot) * MAX_BATCH_ROWS + i
    firsts[count++] = i
  }
  if (!sortable) return { order: firsts, count, repeats }
  // A typed array sorts numerically in native code; the row index in the low bits keeps the
  // sort stable and is read back out.
  const sorted = keys.subarray(0, count).sort()
  for (let j = 0; j < count; j++) firsts[j] = (sorted[j] ?? 0) % MAX_BATCH_ROWS
  return { order: firsts, count, repeats }
}
