import { inPieces, MAX_ROW_CHARS, stripBom, type RecordHandler, type RecordReader } from './records'

export type JsonObject = Record<string, unknown>

/**
 * Keeps every JSON number as the exact text it was written with (`0.1`, `1e3`, a 20-digit id):
 * a float would round quantities and long ids before they could be checked.
 */
const keepNumberText = (_key: string, value: unknown, context?: { source?: string }): unknown =>
  typeof value === 'number' && context?.source !== undefined ? context.source : value

/** One line of JSON Lines: an object, or why it is not one. */
export const parseJsonLine = (
  line: string,
): { ok: true; value: JsonObject } | { ok: false; error: string } => {
  let value: unknown
  try {
    value = JSON.parse(line, keepNumberText)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { ok: false, error: `the line is not valid JSON (${reason})` }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: 'the line is not a JSON object' }
  // JSON.parse builds plain objects: a record of its keys.
  return { ok: true, value: value as JsonObject }
}

/**
 * Reads JSON Lines fed chunk by chunk: a newline always ends a record (JSON strings cannot hold
 * a raw one), so each chunk is cut at its last newline and the rest waits for the next. Rows are
 * numbered from 1; blank lines are skipped and not numbered.
 */
export class JsonlReader implements RecordReader {
  readonly headers = null
  readonly delimiter = null
  #carry = ''
  #started = false
  #skipping = false
  #rowNumber = 0
  readonly #handler: RecordHandler<JsonObject>

  constructor(handler: RecordHandler<JsonObject>) {
    this.#handler = handler
  }

  feed(text: string): void {
    inPieces(text, (piece) => this.#feedPiece(piece))
  }

  #feedPiece(text: string): void {
    let input = this.#carry === '' ? text : this.#carry + text
    this.#carry = ''
    if (!this.#started && input.length > 0) {
      input = stripBom(input)
      this.#started = true
    }
    if (this.#skipping) {
      const newline = input.indexOf('\n')
      if (newline < 0) return
      this.#skipping = false
      input = input.slice(newline + 1)
    }
    const end = input.lastIndexOf('\n')
    if (end >= 0) {
      this.#lines(input.slice(0, end))
      input = input.slice(end + 1)
    }
    if (input.length <= MAX_ROW_CHARS) {
      this.#carry = input
      return
    }
    this.#rowNumber += 1
    this.#handler.broken(this.#rowNumber, input.slice(0, 1000), 'the row is longer than 1 MB')
    this.#skipping = true
  }

  end(): void {
    const rest = this.#carry
    this.#carry = ''
    if (!this.#skipping && rest.length > 0) this.#lines(rest)
  }

  #lines(text: string): void {
    for (const rawLine of text.split('\n')) {
      const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine
      if (line.trim() === '') continue
      this.#rowNumber += 1
      const parsed = parseJsonLine(line)
      if (parsed.ok) this.#handler.record(this.#rowNumber, line, 0, line.length, parsed.value)
      else this.#handler.broken(this.#rowNumber, line, parsed.error)
    }
  }
}
