import type { Problem, SourceRow } from './row-source'
import type { ValidRow } from './row-validator'

export type PendingReject = Problem & { rowNumber: number; raw: string }

/**
 * A batch's rows as plain values, taken from the Batch where the file is parsed and written by
 * the importer, in the same thread or after crossing from the parsing worker (a structured
 * clone). Valid rows column by column, then the rejected ones. Numbers travel in typed arrays,
 * which a clone copies whole rather than value by value.
 */
export type BatchRows = {
  /** Rows read into the batch: valid and rejected. */
  read: number
  eventId: string[]
  customerId: Float64Array
  /** Row i's metric is `metrics[metric[i]]`: a handful of names, each cloned once. */
  metrics: string[]
  metric: Int32Array
  /** Exact millionths: a bigint beyond what a double holds exactly, hence a plain array. */
  micros: (number | bigint)[]
  /** Milliseconds since 1970 UTC. */
  ts: Float64Array
  late: Uint8Array
  properties: (string | null)[]
  rowNumber: Float64Array
  /**
   * Row i's original text is `sources[source[i]].slice(rawStart[i], rawEnd[i])`: the texts the
   * rows were read from, each once and cut to the rows' span (a clone copies every occurrence
   * of a string, and the same text backs thousands of rows).
   */
  sources: string[]
  source: Int32Array
  rawStart: Int32Array
  rawEnd: Int32Array
  rejects: PendingReject[]
}

type NumberColumn = Float64Array | Int32Array | Uint8Array

/** The first `n` values of a column, in a typed array of their own. */
const typed = <T extends NumberColumn>(
  Type: new (length: number) => T,
  values: readonly number[],
  n: number,
): T => {
  const out = new Type(n)
  for (let i = 0; i < n; i++) out[i] = values[i] ?? 0
  return out
}

/** Row i's original text. */
export const rawText = (rows: BatchRows, i: number): string =>
  (rows.sources[rows.source[i] ?? 0] ?? '').slice(rows.rawStart[i], rows.rawEnd[i])

/**
 * The rows read since the last commit, valid ones column by column (no object per row: a
 * million-row file would otherwise allocate a million of them). Reused from batch to batch.
 */
export class Batch {
  /** Rows read into this batch: valid and rejected. */
  rows = 0
  /** Valid rows: the first `valid` entries of each column. */
  valid = 0
  readonly eventId: string[] = []
  readonly customerId: number[] = []
  readonly metric: string[] = []
  readonly micros: (number | bigint)[] = []
  readonly ts: number[] = []
  readonly late: number[] = []
  readonly properties: (string | null)[] = []
  readonly rowNumber: number[] = []
  /**
   * Each row's original text as a span of the text it was read from (shared by many rows), so
   * keeping a row costs no string of its own: the text is cut only if the row is rejected.
   */
  readonly rawSource: string[] = []
  readonly rawStart: number[] = []
  readonly rawEnd: number[] = []
  readonly rejects: PendingReject[] = []

  addValid(row: ValidRow, source: SourceRow): void {
    const i = this.valid
    this.eventId[i] = row.eventId
    this.customerId[i] = row.customerId
    this.metric[i] = row.metric
    this.micros[i] = row.micros
    this.ts[i] = row.ts
    this.late[i] = row.late
    this.properties[i] = row.properties
    this.rowNumber[i] = source.rowNumber
    this.rawSource[i] = source.rawSource
    this.rawStart[i] = source.rawStart
    this.rawEnd[i] = source.rawEnd
    this.valid = i + 1
    this.rows += 1
  }

  addReject(rowNumber: number, raw: string, problem: Problem): void {
    this.rejects.push({ ...problem, rowNumber, raw })
    this.rows += 1
  }

  /** The rows read since the last take, as plain values; the batch is then empty again. */
  take(): BatchRows {
    const n = this.valid
    const rows: BatchRows = {
      read: this.rows,
      eventId: this.eventId.slice(0, n),
      customerId: typed(Float64Array, this.customerId, n),
      ...this.#metrics(n),
      micros: this.micros.slice(0, n),
      ts: typed(Float64Array, this.ts, n),
      late: typed(Uint8Array, this.late, n),
      properties: this.properties.slice(0, n),
      rowNumber: typed(Float64Array, this.rowNumber, n),
      ...this.#rawSpans(n),
      rejects: this.rejects.slice(),
    }
    this.clear()
    return rows
  }

  #metrics(n: number): Pick<BatchRows, 'metrics' | 'metric'> {
    const metrics: string[] = []
    const index = new Map<string, number>()
    const metric = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const name = this.metric[i] ?? ''
      let at = index.get(name)
      if (at === undefined) {
        at = metrics.push(name) - 1
        index.set(name, at)
      }
      metric[i] = at
    }
    return { metrics, metric }
  }

  /** The rows' texts: each run of rows read from one text gets that text's span of them. */
  #rawSpans(n: number): Pick<BatchRows, 'sources' | 'source' | 'rawStart' | 'rawEnd'> {
    const sources: string[] = []
    const source = new Int32Array(n)
    const rawStart = new Int32Array(n)
    const rawEnd = new Int32Array(n)
    let from = 0
    while (from < n) {
      const text = this.rawSource[from] ?? ''
      let to = from
      let start = Infinity
      let end = 0
      for (; to < n && this.rawSource[to] === text; to++) {
        start = Math.min(start, this.rawStart[to] ?? 0)
        end = Math.max(end, this.rawEnd[to] ?? 0)
      }
      for (let i = from; i < to; i++) {
        source[i] = sources.length
        rawStart[i] = (this.rawStart[i] ?? 0) - start
        rawEnd[i] = (this.rawEnd[i] ?? 0) - start
      }
      sources.push(text.slice(start, end))
      from = to
    }
    return { sources, source, rawStart, rawEnd }
  }

  clear(): void {
    this.rows = 0
    this.valid = 0
    this.rejects.length = 0
    // Drop references to the texts read so they can be collected; capacity stays.
    this.rawSource.fill('')
  }
}

/** What one batch (or the final move of a staged import) changed. */
export type BatchCounts = { imported: number; duplicates: number; rejected: number; late: number }

/** No rows: what a header-only commit writes. */
export const emptyRows = (): BatchRows => new Batch().take()
