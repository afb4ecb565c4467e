import type { Problem, SourceRow } from './row-source'
import type { ValidRow } from './row-validator'

export type PendingReject = Problem & { rowNumber: number; raw: string }

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
  readonly ts: string[] = []
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

  /** Row i's original text. */
  rawText(i: number): string {
    return (this.rawSource[i] ?? '').slice(this.rawStart[i], this.rawEnd[i])
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
