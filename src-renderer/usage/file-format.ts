import type { UsageFormat } from '../../src-shared/domain/usage'

export const acceptedExtensions = ['.csv', '.tsv', '.txt', '.jsonl', '.ndjson'] as const

export const formatOptions: readonly { value: UsageFormat; label: string }[] = [
  { value: 'csv', label: 'Delimited text (CSV, TSV)' },
  { value: 'jsonl', label: 'JSON Lines (one event per line)' },
]

/** The format a file's extension suggests; the operator can still change it. */
export const formatOf = (fileName: string): UsageFormat =>
  /\.(jsonl|ndjson)$/i.test(fileName) ? 'jsonl' : 'csv'

/** Enough of the start of a file for the preview and the column detection. */
export const sampleBytes = 64 * 1024

/**
 * The file's first kilobytes as text. A streaming decode leaves out a character cut in half at the
 * end; the server ignores the partial row there. When the sample is the whole file, a final line
 * break makes its last row complete, so it is previewed too.
 */
export const readSample = async (file: File): Promise<string> => {
  const bytes = await file.slice(0, sampleBytes).arrayBuffer()
  const whole = file.size <= sampleBytes
  const text = new TextDecoder('utf-8').decode(bytes, { stream: !whole })
  return whole && text !== '' && !text.endsWith('\n') ? `${text}\n` : text
}

const sizeFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })

export const formatBytes = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${sizeFormat.format(bytes / 1024)} KB`
  if (bytes < 1024 ** 3) return `${sizeFormat.format(bytes / 1024 ** 2)} MB`
  return `${sizeFormat.format(bytes / 1024 ** 3)} GB`
}
