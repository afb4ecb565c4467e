import type { ColumnMapping, UsageFormat } from '../../src-shared/domain/usage'
import { Batch, type BatchRows } from './batch'
import type { CustomerDirectory } from './customer-directory'
import type { RecordReader } from './records'
import { createRowReader } from './row-source'
import { RowValidator, emptyValidRow } from './row-validator'

/** The file's header row (CSV) or first row's keys (JSON Lines), and its raw text. */
export type ParsedHeader = { headers: string[]; delimiter: string | null; raw: string }

/** What the parser hands on, in file order. */
export type ParserOutput = {
  header: (header: ParsedHeader) => void
  /** A full batch (or the last one); `bytesRead` is how much of the file it took to fill it. */
  batch: (rows: BatchRows, bytesRead: number) => void
}

/**
 * Reads a usage file chunk by chunk and validates each row as it is read, handing on batches of
 * `batchRows` rows (valid and rejected). Knows nothing of the ledger beyond the customers it
 * was given, so it can run in a worker thread (parse-worker.ts) as well as in the importer's.
 */
export class BatchParser {
  readonly #batch = new Batch()
  readonly #reader: RecordReader
  readonly #out: ParserOutput
  #read = 0
  #bytesRead = 0

  constructor(
    start: { format: UsageFormat; mapping: ColumnMapping },
    directory: CustomerDirectory,
    batchRows: number,
    out: ParserOutput,
  ) {
    this.#out = out
    const validator = new RowValidator(start.mapping, directory)
    const valid = emptyValidRow()
    const batch = this.#batch
    this.#reader = createRowReader(start.format, start.mapping, {
      header: (headers, delimiter, raw) => out.header({ headers, delimiter, raw }),
      row: (row) => {
        const problem = validator.check(row, valid)
        if (problem)
          batch.addReject(row.rowNumber, row.rawSource.slice(row.rawStart, row.rawEnd), problem)
        else batch.addValid(valid, row)
        if (batch.rows >= batchRows) this.#flush()
      },
      reject: (rowNumber, raw, problem) => {
        batch.addReject(rowNumber, raw, problem)
        if (batch.rows >= batchRows) this.#flush()
      },
    })
  }

  /** Rows read so far, handed on or not. */
  get read(): number {
    return this.#read + this.#batch.rows
  }

  /** The header's columns once read (CSV); null before, or for an empty file. */
  get headers(): string[] | null {
    return this.#reader.headers
  }

  /** Reads a chunk; throws FileRefused when the file as a whole cannot be imported. */
  feed(text: string): void {
    this.#bytesRead += Buffer.byteLength(text, 'utf8')
    this.#reader.feed(text)
  }

  /** The end of the file: the rows left make the last batch. */
  end(): void {
    this.#reader.end()
    this.#flush()
  }

  #flush(): void {
    if (this.#batch.rows === 0) return
    this.#read += this.#batch.rows
    this.#out.batch(this.#batch.take(), this.#bytesRead)
  }
}
