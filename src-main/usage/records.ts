/** What a reader hands on: each data row of the file with its number and original text. */
export type RecordHandler<T> = {
  /** CSV only: the header row, before any record. */
  header?: (headers: string[], raw: string) => void
  /** The row's original text is `source.slice(start, end)`: cut only if it is ever needed. */
  record: (rowNumber: number, source: string, start: number, end: number, value: T) => void
  /** A row that cannot be parsed at all (broken quotes, bad JSON): rejected as a whole. */
  broken: (rowNumber: number, raw: string, reason: string) => void
}

/** The common shape of the CSV and JSON Lines readers. */
export type RecordReader = {
  readonly headers: string[] | null
  readonly delimiter: string | null
  feed: (text: string) => void
  end: () => void
}

/**
 * A row longer than this is not a usage event: past it a reader gives up on the row (an
 * unclosed quote would otherwise make it hold the rest of the file in memory).
 */
export const MAX_ROW_CHARS = 1024 * 1024

/** The file as a whole cannot be imported (no header, a mapped column missing): nothing is read. */
export class FileRefused extends Error {
  override name = 'FileRefused'
  /** The mapping fields the refusal is about, e.g. `{ customer_id: 'is not a column…' }`. */
  readonly fields: Record<string, string>

  constructor(message: string, fields: Record<string, string> = {}) {
    super(message)
    this.fields = fields
  }
}

export const stripBom = (text: string): string =>
  text.charCodeAt(0) === 0xfeff ? text.slice(1) : text

/**
 * Readers parse at most this much at once. A whole megabyte parsed in one go lives long enough
 * to be promoted into the old heap before its rows are used, and then waits there for a full
 * garbage collection; small pieces die young, which keeps the import's memory flat.
 */
export const PIECE_CHARS = 64 * 1024

/** Hands `text` to `consume` in pieces of about PIECE_CHARS (a reader carries a cut record). */
export const inPieces = (text: string, consume: (piece: string) => void): void => {
  if (text.length <= PIECE_CHARS) {
    consume(text)
    return
  }
  for (let at = 0; at < text.length; at += PIECE_CHARS) consume(text.slice(at, at + PIECE_CHARS))
}
