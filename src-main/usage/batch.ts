import type { Problem, SourceRow } from './row-source'
import type { ValidRow } from './row-validator'

export type PendingReject = Problem & { rowNumber: number; raw: string }

/**
 * A batch's rows as plain values, taken from the Batch where the file is parsed and written by
 * the importer, in the same thread or after crossing from the parsing worker (a structured
 * clone). Valid rows column by column, then the rejected ones.
 */
export type BatchRows = {
  /** Rows read into the batch: valid and rejected. */
  read: number
  eventId: string[]
  customerId: number[]
  /** Row i's metric is `metrics[metric[i]]`: a handful of names, each cloned once. */
  metrics: string[]
  metric: number[]
  micros: (number | bigint)[]
  /** Milliseconds since 1970 UTC. */
  ts: number[]
  late: number[]
  properties: (string | null)[]
  rowNumber: number[]
  /**
   * Row i's original text is `sources[source[i]].slice(rawStart[i], rawEnd[i])`: the texts the
   * rows were read from, each once and cut to the rows' span (a clone copies every occurrence
   * of a string, and the same text backs thousands of rows).
   */
  sources: string[]
  source: number[]
  rawStart: number[]
  rawEnd: number[]
  rejects: PendingReject[]
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
      customerId: this.customerId.slice(0, n),
      ...this.#metrics(n),
      micros: this.micros.slice(0, n),
      ts: this.ts.slice(0, n),
      late: this.late.slice(0, n),
      properties: this.properties.slice(0, n),
      rowNumber: this.rowNumber.slice(0, n),
      ...this.#rawSpans(n),
      rejects: this.rejects.slice(),
    }
    this.clear()
    return rows
  }

  #metrics(n: number): Pick<BatchRows, 'metrics' | 'metric'> {
    const metrics: string[] = []
    const index = new Map<string, number>()
    const metric = new Array<number>(n)
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
    const source = new Array<number>(n)
    const rawStart = new Array<number>(n)
    const rawEnd = new Array<number>(n)
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
