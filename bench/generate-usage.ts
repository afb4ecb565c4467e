import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { openLedger } from '../src-main/db/ledger'

export type UsageShape = {
  rows: number
  customers: number
  metrics: string[]
  /** The month the events fall in, as its first instant. */
  start: string
  days: number
}

export const benchShape: UsageShape = {
  rows: 1_000_000,
  customers: 10_000,
  metrics: ['api_calls', 'storage_gb', 'sms', 'exports', 'seats'],
  start: '2026-10-01T00:00:00Z',
  days: 31,
}

export const customerId = (i: number): string => `cus-${String(i).padStart(5, '0')}`

/**
 * A small seeded generator (mulberry32): every bit of its output is well mixed. The linear
 * congruential one used before repeated its low bits with a short period, so `% customers` only
 * ever reached 954 of the 10,000 customers.
 */
const mulberry32 = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/**
 * A usage export as billing systems write one: events in time order with time-ordered ids (as
 * ULIDs or snowflakes are), customers and metrics spread pseudo-randomly, whole quantities with
 * every seventh a decimal. Deterministic: the same shape gives the same file.
 */
export const writeUsageCsv = async (
  path: string,
  shape: UsageShape = benchShape,
): Promise<number> => {
  const out = createWriteStream(path)
  const next = mulberry32(42)
  const start = Date.parse(shape.start)
  const span = shape.days * 86_400_000
  let bytes = 0
  let buffer = 'event_id,customer_id,metric,quantity,timestamp\n'
  for (let i = 0; i < shape.rows; i++) {
    const at = new Date(start + Math.floor((i * span) / shape.rows)).toISOString()
    const q = next() % 1000
    const quantity = q % 7 === 0 ? (q / 8).toFixed(3) : String(q)
    const customer = customerId(next() % shape.customers)
    const metric = shape.metrics[next() % shape.metrics.length] ?? ''
    buffer += `evt-${String(i).padStart(8, '0')},${customer},${metric},${quantity},${at.slice(0, 19)}Z\n`
    if (buffer.length > 1 << 20) {
      bytes += buffer.length
      if (!out.write(buffer)) await once(out, 'drain')
      buffer = ''
    }
  }
  bytes += buffer.length
  out.end(buffer)
  await once(out, 'finish')
  return bytes
}

/** How a merged file is cut and repeated (writeMergedUsageCsv). */
export const mergedShape = {
  /** Rows per block: a page of one export, kept in its own order. */
  blockRows: 50,
  /** Every this many blocks, one is sent twice (an overlap between two exports). */
  repeatEvery: 100,
}

/** Rows in the merged file, and how many of them repeat an earlier row (same id, same content). */
export const mergedCounts = (shape: UsageShape = benchShape) => {
  const blocks = Math.ceil(shape.rows / mergedShape.blockRows)
  const repeats = Math.floor(blocks / mergedShape.repeatEvery)
  const duplicates = repeats * mergedShape.blockRows
  return { rows: shape.rows + duplicates, duplicates }
}

/**
 * The same events as writeUsageCsv's, as a merge of several exports gives them: cut into blocks
 * of `blockRows` rows, the blocks in a shuffled order (so every block's events, late or early,
 * land at a random place in time and in event ids), and every `repeatEvery`-th block sent a
 * second time further on (duplicates of events already in the file). Deterministic.
 */
export const writeMergedUsageCsv = async (
  path: string,
  shape: UsageShape = benchShape,
): Promise<number> => {
  const lines: string[] = []
  const next = mulberry32(42)
  const start = Date.parse(shape.start)
  const span = shape.days * 86_400_000
  for (let i = 0; i < shape.rows; i++) {
    const at = new Date(start + Math.floor((i * span) / shape.rows)).toISOString()
    const q = next() % 1000
    const quantity = q % 7 === 0 ? (q / 8).toFixed(3) : String(q)
    const customer = customerId(next() % shape.customers)
    const metric = shape.metrics[next() % shape.metrics.length] ?? ''
    lines.push(
      `evt-${String(i).padStart(8, '0')},${customer},${metric},${quantity},${at.slice(0, 19)}Z\n`,
    )
  }
  const { blockRows, repeatEvery } = mergedShape
  const blocks = Array.from({ length: Math.ceil(shape.rows / blockRows) }, (_, b) => b)
  const shuffle = mulberry32(7)
  for (let b = blocks.length - 1; b > 0; b--) {
    const k = shuffle() % (b + 1)
    ;[blocks[b], blocks[k]] = [blocks[k] ?? 0, blocks[b] ?? 0]
  }
  // A repeated block comes again where a later one is: after it, whichever it is.
  const order: number[] = []
  blocks.forEach((block, n) => {
    order.push(block)
    if (n % repeatEvery === repeatEvery - 1) order.push(blocks[n - (shuffle() % repeatEvery)] ?? 0)
  })
  const out = createWriteStream(path)
  let bytes = 0
  let buffer = 'event_id,customer_id,metric,quantity,timestamp\n'
  for (const block of order) {
    buffer += lines.slice(block * blockRows, (block + 1) * blockRows).join('')
    if (buffer.length > 1 << 20) {
      bytes += buffer.length
      if (!out.write(buffer)) await once(out, 'drain')
      buffer = ''
    }
  }
  bytes += buffer.length
  out.end(buffer)
  await once(out, 'finish')
  return bytes
}

/** A fresh ledger with one plan metering every metric of the shape, and every customer on it. */
export const seedUsageLedger = async (
  path: string,
  shape: UsageShape = benchShape,
): Promise<void> => {
  const ledger = await openLedger(path)
  try {
    const { db } = ledger
    const at = '2026-09-01T00:00:00.000Z'
    const terms = {
      interval: { unit: 'month', count: 1 },
      trialDays: 0,
      rounding: 'half_up',
      features: shape.metrics.map((code) => ({
        code,
        name: code,
        type: 'usage',
        pricing: { model: 'flat', unit_amount: '0.001' },
      })),
    }
    db.transaction(() => {
      db.prepare("INSERT INTO plan (id, name, created_at) VALUES ('metered', 'Metered', ?)").run(at)
      db.prepare(
        `INSERT INTO plan_version (plan_id, version, status, effective_from, currency,
           base_price_minor, terms_json, created_at, published_at, published_by)
         VALUES ('metered', 1, 'published', '2026-09-01', 'USD', 0, ?, ?, ?, 'bench')`,
      ).run(JSON.stringify(terms), at, at)
      const customer = db.prepare(
        `INSERT INTO customer (external_id, name, currency, created_at, updated_at)
         VALUES (?, ?, 'USD', ?, ?)`,
      )
      const subscription = db.prepare(
        `INSERT INTO subscription (customer_id, plan_id, plan_version, start_date,
           billing_anchor_day, status) VALUES (?, 'metered', 1, '2026-09-01', 1, 'active')`,
      )
      for (let i = 0; i < shape.customers; i++) {
        const id = customer.run(customerId(i), `Customer ${i}`, at, at).lastInsertRowid
        subscription.run(id)
      }
    })()
  } finally {
    await ledger.close()
  }
}
