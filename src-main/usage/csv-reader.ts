import Papa from 'papaparse'
import {
  FileRefused,
  inPieces,
  MAX_ROW_CHARS,
  stripBom,
  type RecordHandler,
  type RecordReader,
} from './records'

const NEWLINE = 10
const QUOTE = 34

/**
 * The index of the last newline that ends a record: one with an even count of `"` since the
 * start of `text` (which always starts a record). -1 if no record ends in `text`.
 */
export const lastRecordEnd = (text: string): number => {
  let quote = text.indexOf('"')
  if (quote < 0) return text.lastIndexOf('\n')
  let end = quote > 0 ? text.lastIndexOf('\n', quote - 1) : -1
  while (quote >= 0) {
    // Between an opening quote and its closing one, newlines are inside a field.
    const closing = text.indexOf('"', quote + 1)
    if (closing < 0) return end
    const from = closing + 1
    quote = text.indexOf('"', from)
    const limit = quote < 0 ? text.length : quote
    const newline = text.lastIndexOf('\n', limit - 1)
    if (newline >= from) end = newline
  }
  return end
}

/** Each record of `text` (complete records, each ending in a newline) without its line end. */
const splitRecords = (text: string): string[] => {
  const records: string[] = []
  let start = 0
  let inQuotes = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) inQuotes = !inQuotes
    else if (c === NEWLINE && !inQuotes) {
      records.push(text.slice(start, i > start && text.charCodeAt(i - 1) === 13 ? i - 1 : i))
      start = i + 1
    }
  }
  if (start < text.length) records.push(text.slice(start))
  return records
}

const dropCr = (cells: string[]): string[] => {
  const last = cells.length - 1
  const cell = cells[last]
  if (cell !== undefined && cell.endsWith('\r')) cells[last] = cell.slice(0, -1)
  return cells
}

const quoteProblem = (errors: Papa.ParseError[]): string =>
  errors.some((e) => e.code === 'InvalidQuotes') || errors.length === 0
    ? 'a quoted field is malformed (a quote must be doubled inside quotes)'
    : 'a quoted field is not closed'

/** The delimiter a header line uses: the most frequent of comma, semicolon and tab outside quotes. */
export const detectDelimiter = (header: string): string => {
  const counts = new Map([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ])
  let inQuotes = false
  for (const ch of header) {
    if (ch === '"') inQuotes = !inQuotes
    else if (!inQuotes && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  }
  let best = ','
  for (const [ch, count] of counts) if (count > (counts.get(best) ?? 0)) best = ch
  return best
}

/**
 * Reads CSV text fed chunk by chunk, never holding more than the chunk and the one record it
 * cuts: each chunk is split at its last record end, complete records are parsed at once by
 * Papa Parse, the rest waits for the next chunk. Rows are numbered from 1 after the header;
 * blank lines are skipped and not numbered.
 */
export class CsvReader implements RecordReader {
  headers: string[] | null = null
  delimiter: string | null = null
  #carry = ''
  #started = false
  #skipping = false
  #rowNumber = 0
  readonly #handler: RecordHandler<string[]>

  constructor(handler: RecordHandler<string[]>) {
    this.#handler = handler
  }

  feed(text: string): void {
    inPieces(text, (piece) => {
      let input = this.#carry === '' ? piece : this.#carry + piece
      this.#carry = ''
      if (!this.#started && input.length > 0) {
        input = stripBom(input)
        this.#started = true
      }
      this.#consume(input, false)
    })
  }

  /** The end of the file: the last record may lack its newline. */
  end(): void {
    const input = this.#carry
    this.#carry = ''
    this.#consume(input, true)
  }

  #consume(text: string, final: boolean): void {
    let input = text
    if (this.#skipping) {
      const newline = input.indexOf('\n')
      if (newline < 0) return
      this.#skipping = false
      input = input.slice(newline + 1)
    }
    while (input.length > 0) {
      const end = this.headers === null ? firstRecordEnd(input) : lastRecordEnd(input)
      if (end >= 0) {
        this.#parse(input.slice(0, end + 1))
        input = input.slice(end + 1)
        continue
      }
      if (final && evenQuotes(input)) {
        this.#parse(input)
        return
      }
      if (!final && input.length <= MAX_ROW_CHARS) {
        this.#carry = input
        return
      }
      if (this.headers === null)
        throw new FileRefused('The file has no readable header row within its first megabyte.')
      // No record ends within a whole megabyte (or the file ends inside quotes): a quote was
      // never closed. Reject its first line and read on from the next, so one stray quote
      // cannot swallow the rest of the file.
      const newline = input.indexOf('\n')
      this.#rowNumber += 1
      const raw = newline < 0 ? input.slice(0, 1000) : input.slice(0, newline).replace(/\r$/, '')
      this.#handler.broken(
        this.#rowNumber,
        raw,
        newline < 0 && !final ? 'the row is longer than 1 MB' : 'a quoted field is not closed',
      )
      if (newline < 0) {
        this.#skipping = !final
        return
      }
      input = input.slice(newline + 1)
    }
  }

  #parse(text: string): void {
    if (this.headers === null) {
      this.#readHeader(text)
      return
    }
    const delimiter = this.delimiter ?? ','
    if (text.indexOf('"') < 0) {
      // Without quotes a record is a line and its cells are what the delimiter separates (all
      // Papa Parse's own fast mode does): split line by line, so each row's cells die young.
      for (let start = 0; start < text.length;) {
        const newline = text.indexOf('\n', start)
        const stop = newline < 0 ? text.length : newline
        const end = stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop
        this.#emit(text.slice(start, end).split(delimiter), text, start, end)
        start = stop + 1
      }
      return
    }
    const result = Papa.parse<string[]>(text, { delimiter, newline: '\n', quoteChar: '"' })
    const rows = result.data
    if (rows.length > 0 && isBlank(rows[rows.length - 1])) rows.pop()
    const records = splitRecords(text)
    if (result.errors.length === 0 && rows.length === records.length) {
      for (let i = 0; i < rows.length; i++) {
        const record = records[i] ?? ''
        this.#emit(dropCr(rows[i] ?? []), record, 0, record.length)
      }
      return
    }
    // Quotes Papa Parse reads differently from the record split: parse each record alone, so a
    // broken one is rejected without disturbing its neighbours.
    for (const record of records) {
      if (record.trim() === '') continue
      // With its line end, as it stood in the chunk: Papa Parse reads a record's last field
      // differently at the very end of its input.
      const one = Papa.parse<string[]>(`${record}\n`, { delimiter, newline: '\n', quoteChar: '"' })
      if (one.data.length > 1 && isBlank(one.data[one.data.length - 1])) one.data.pop()
      if (one.errors.length > 0 || one.data.length > 1) {
        this.#rowNumber += 1
        this.#handler.broken(this.#rowNumber, record, quoteProblem(one.errors))
      } else this.#emit(one.data[0] ?? [''], record, 0, record.length)
    }
  }

  #emit(cells: string[], source: string, start: number, end: number): void {
    if (isBlank(cells)) return
    this.#rowNumber += 1
    this.#handler.record(this.#rowNumber, source, start, end, cells)
  }

  #readHeader(text: string): void {
    const line = text.replace(/\r?\n$/, '')
    if (line.trim() === '') return
    this.delimiter = detectDelimiter(line)
    const parsed = Papa.parse<string[]>(line, { delimiter: this.delimiter, quoteChar: '"' })
    this.headers = (parsed.data[0] ?? []).map((h) => h.trim())
    this.#handler.header?.(this.headers, line)
  }
}

const isBlank = (cells: readonly string[] | undefined): boolean =>
  cells !== undefined && cells.length === 1 && cells[0] === ''

const evenQuotes = (text: string): boolean => {
  let count = 0
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) count += 1
  return count % 2 === 0
}

/** The end of the first record (the header), honouring quotes; -1 if it has not ended yet. */
const firstRecordEnd = (text: string): number => {
  let inQuotes = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) inQuotes = !inQuotes
    else if (c === NEWLINE && !inQuotes) return i
  }
  return -1
}
