import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { CsvReader } from '../../src-main/usage/csv-reader'

type Read = { rowNumber: number; raw: string; cells: string[] }

/** Every row the reader hands on, the text fed in pieces of the sizes given (in turn). */
const readInPieces = (text: string, sizes: number[]): Read[] => {
  const rows: Read[] = []
  const reader = new CsvReader({
    record: (rowNumber, source, start, end, cells) =>
      rows.push({ rowNumber, raw: source.slice(start, end), cells: [...cells] }),
    broken: (rowNumber, raw, reason) => {
      throw new Error(`row ${rowNumber} (${raw}) read as broken: ${reason}`)
    },
  })
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length] ?? 1
    reader.feed(text.slice(at, at + size))
    at += size
  }
  reader.end()
  return rows
}

/**
 * The reference: Papa Parse reading the rows after the header in one go. Without quotes every
 * line is one record, so a row's text is its line without the line end.
 */
const papaRows = (text: string, delimiter: string): Read[] => {
  const body = text.slice(text.indexOf('\n') + 1)
  const lines = body.split('\n').map((line) => line.replace(/\r$/, ''))
  const parsed = Papa.parse<string[]>(body, { delimiter, newline: '\n', quoteChar: '"' }).data
  const rows: Read[] = []
  parsed.forEach((cells, i) => {
    const last = cells.length - 1
    const clean = cells.map((cell, j) => (j === last ? cell.replace(/\r$/, '') : cell))
    if (clean.length === 1 && clean[0] === '') return
    rows.push({ rowNumber: rows.length + 1, raw: lines[i] ?? '', cells: clean })
  })
  return rows
}

/** A seeded generator (mulberry32), so a failure can be replayed. */
const random = (seed: number): ((n: number) => number) => {
  let state = seed >>> 0
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) % n
  }
}

/** Quote-free CSV: empty and padded cells, CR, LF or CRLF line ends, blank lines, short rows. */
const quoteFreeFile = (seed: number, delimiter: string): string => {
  const next = random(seed)
  const alphabet = ['a', 'Z', '7', ' ', '-', '.', 'é', '€', ';', ',', '\t', '\r']
  const cell = (): string =>
    Array.from({ length: next(6) }, () => alphabet[next(alphabet.length)] ?? '')
      .filter((c) => c !== delimiter)
      .join('')
  const lines = ['event_id', 'customer_id', 'metric', 'quantity', 'timestamp'].join(delimiter)
  const rows = Array.from({ length: 300 }, () => {
    const kind = next(20)
    if (kind === 0) return ''
    if (kind === 1) return '\r'
    return Array.from({ length: kind === 2 ? 3 : 5 }, cell).join(delimiter)
  })
  const ends = ['\n', '\r\n']
  const text = [lines, ...rows].map((line) => `${line}${ends[next(2)] ?? '\n'}`).join('')
  // Half the files end without a line end.
  return next(2) === 0 ? text.replace(/\r?\n$/, '') : text
}

describe('CsvReader', () => {
  it.each([',', ';', '\t'])(
    'reads quote-free text (delimiter %j) as Papa Parse does, however it is cut into pieces',
    (delimiter) => {
      for (let seed = 1; seed <= 20; seed++) {
        const text = quoteFreeFile(seed, delimiter)
        expect(text).not.toContain('"')
        const expected = papaRows(text, delimiter)
        for (const sizes of [[text.length], [1], [7, 64], [1000, 3]]) {
          expect(readInPieces(text, sizes), `seed ${seed}, pieces ${sizes.join('/')}`).toEqual(
            expected,
          )
        }
      }
    },
  )
})
