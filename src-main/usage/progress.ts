import type { ImportProgress, ImportStatus } from '../../src-shared/domain/usage'
import type { BatchCounts } from './batch'

export type Tally = BatchCounts & { read: number }

export const emptyTally = (): Tally => ({
  read: 0,
  imported: 0,
  duplicates: 0,
  rejected: 0,
  late: 0,
})

/** Adds what a commit changed to the running totals. */
export const addTo = (tally: Tally, c: BatchCounts, read = 0): void => {
  tally.read += read
  tally.imported += c.imported
  tally.duplicates += c.duplicates
  tally.rejected += c.rejected
  tally.late += c.late
}

/**
 * Where an import stands: rows read so far (committed or waiting in the batch), the committed
 * counts, the rate, and the time left estimated from the bytes read against the file's size.
 */
export const progressOf = (p: {
  id: string
  status: ImportStatus
  tally: Tally
  pendingRows: number
  bytesRead: number
  totalBytes: number | null
  seconds: number
}): ImportProgress => {
  const read = p.tally.read + p.pendingRows
  const left =
    p.status !== 'running'
      ? 0
      : p.totalBytes === null || p.bytesRead === 0
        ? null
        : Math.max(0, (p.seconds * (p.totalBytes - p.bytesRead)) / p.bytesRead)
  return {
    id: p.id,
    status: p.status,
    ...p.tally,
    read,
    bytesRead: p.bytesRead,
    totalBytes: p.totalBytes,
    rowsPerSecond: p.seconds > 0 ? Math.round(read / p.seconds) : 0,
    secondsLeft: left === null ? null : Math.round(left * 10) / 10,
  }
}
