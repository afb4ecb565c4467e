import Database from 'better-sqlite3'
import { benchShape, customerId, seedUsageLedger, type UsageShape } from './generate-usage'

/** How the seeded events arrive (seedUsageEvents): out of order, with repeats and late ones. */
export const arrival = {
  /** Events per block, each block kept in its own order, the blocks shuffled. */
  blockRows: 50,
  /** Every this many blocks, one comes again (the repeats are ignored, as the import does). */
  repeatEvery: 100,
  /** One event in this many arrived after its period was invoiced. */
  lateEvery: 97,
}

const random = (seed: number): (() => number) => {
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
 * A seeded ledger (seedUsageLedger) with the shape's events written straight into it, as a merge
 * of exports would leave them after an import: stored in a shuffled block order (so the table's
 * rowid order is not time order), every `repeatEvery`-th block sent twice (ignored by event id),
 * one in `lateEvery` flagged late. Straight inserts, because the CLI import of 1,000,000 events
 * is the usage import benchmark's subject, not this one's. Deterministic.
 */
export const seedUsageEvents = async (
  path: string,
  shape: UsageShape = benchShape,
): Promise<void> => {
  await seedUsageLedger(path, shape)
  const db = new Database(path)
  try {
    const next = random(42)
    const start = Date.parse(shape.start)
    const span = shape.days * 86_400_000
    const blocks = Array.from({ length: Math.ceil(shape.rows / arrival.blockRows) }, (_, b) => b)
    const shuffle = random(7)
    for (let b = blocks.length - 1; b > 0; b--) {
      const k = shuffle() % (b + 1)
      ;[blocks[b], blocks[k]] = [blocks[k] ?? 0, blocks[b] ?? 0]
    }
    const ids = new Map(
      db
        .prepare<[], { id: number; external_id: string }>('SELECT id, external_id FROM customer')
        .all()
        .map((c) => [c.external_id, c.id]),
    )
    // Each event's fields from its index alone, so a repeated block repeats the same events.
    const fields = Array.from({ length: shape.rows }, (_, i) => ({
      customer: ids.get(customerId(next() % shape.customers)) ?? 0,
      metric: shape.metrics[next() % shape.metrics.length] ?? '',
      micros: (next() % 1000) * 1_000_000 + (i % 7 === 0 ? 125_000 : 0),
      ts: start + Math.floor((i * span) / shape.rows),
    }))
    const insert = db.prepare(
      `INSERT OR IGNORE INTO usage_event (event_id, customer_id, metric, quantity_micros, ts,
         import_seq, late) VALUES (?, ?, ?, ?, ?, 1, ?)`,
    )
    db.transaction(() => {
      db.prepare(
        `INSERT INTO usage_import (id, seq, file_name, format, policy, status, mapping_json,
           operator, started_at, read, imported) VALUES ('bench', 1, 'merged.csv', 'csv',
           'keep_valid', 'completed', '{}', 'bench', ?, ?, ?)`,
      ).run(shape.start, shape.rows, shape.rows)
      const write = (block: number) => {
        const end = Math.min(shape.rows, (block + 1) * arrival.blockRows)
        for (let i = block * arrival.blockRows; i < end; i++) {
          const f = fields[i]
          if (!f) continue
          const id = `evt-${String(i).padStart(8, '0')}`
          insert.run(id, f.customer, f.metric, f.micros, f.ts, i % arrival.lateEvery === 0 ? 1 : 0)
        }
      }
      blocks.forEach((block, n) => {
        write(block)
        if (n % arrival.repeatEvery === arrival.repeatEvery - 1)
          write(blocks[n - (shuffle() % arrival.repeatEvery)] ?? 0)
      })
    })()
  } finally {
    db.close()
  }
}
