import type { BatchRows } from './batch'

/** Where an import's events landed for one customer and metric: the span of their instants. */
export type UsageFootprint = { customerId: number; metric: string; from: number; to: number }

/**
 * The customers and metrics an import wrote to, with the earliest and latest instant of each:
 * what usage alerts are evaluated for once the import ends (one evaluation per customer and
 * metric, never per row). Kept batch by batch with a numeric key per row, so a million-row
 * import pays one map lookup per row here and nothing more.
 */
export class Footprints {
  readonly #spans = new Map<string, UsageFootprint>()

  add(rows: BatchRows): void {
    const width = Math.max(rows.metrics.length, 1)
    const batch = new Map<number, { from: number; to: number }>()
    for (let i = 0; i < rows.ts.length; i++) {
      const key = (rows.customerId[i] ?? 0) * width + (rows.metric[i] ?? 0)
      const ts = rows.ts[i] ?? 0
      const span = batch.get(key)
      if (!span) batch.set(key, { from: ts, to: ts })
      else if (ts < span.from) span.from = ts
      else if (ts > span.to) span.to = ts
    }
    for (const [key, span] of batch) {
      const customerId = Math.floor(key / width)
      const metric = rows.metrics[key - customerId * width] ?? ''
      const name = `${customerId}|${metric}`
      const known = this.#spans.get(name)
      if (!known) this.#spans.set(name, { customerId, metric, ...span })
      else {
        known.from = Math.min(known.from, span.from)
        known.to = Math.max(known.to, span.to)
      }
    }
  }

  list(): UsageFootprint[] {
    return [...this.#spans.values()]
  }
}
