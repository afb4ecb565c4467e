import type Database from 'better-sqlite3'
import type { ColumnMapping, ImportPolicy, UsageFormat } from '../../src-shared/domain/usage'
import { withoutForeignKeyChecks } from '../db/foreign-keys'
import type { BatchCounts, BatchRows } from './batch'
import type { ParsedHeader } from './batch-parser'
import { prepareWriter, type WriteTarget } from './event-writer'
import { addCounts, saveStoredMapping, type StoredMapping } from './import-store'
import { rememberMapping } from './mappings'

/** The file's header, saved with the first batch: its mapping is remembered for next time. */
export type HeaderToSave = {
  headers: string[]
  mapping: ColumnMapping
  /** What the rejects file needs to rebuild the header (CSV only). */
  stored: StoredMapping | null
  at: string
}

/** The mapping is remembered for this header, and the header kept for the rejects file. */
export const headerToSave = (
  header: ParsedHeader,
  start: { format: UsageFormat; mapping: ColumnMapping },
  at: string,
): HeaderToSave => {
  const { mapping, format } = start
  const stored =
    format === 'csv'
      ? {
          ...mapping,
          headers: header.headers,
          ...(header.delimiter ? { delimiter: header.delimiter } : {}),
        }
      : null
  return { headers: header.headers, mapping, stored, at }
}

/** One batch of an import: its rows, the import's policy and, with the first batch, the header. */
export type BatchJob = WriteTarget & {
  policy: ImportPolicy
  rows: BatchRows
  header: HeaderToSave | null
}

/**
 * Writes a batch and advances the import's counters in one transaction: whatever happens, the
 * stored counts describe exactly the rows stored. Keep-valid imports write their events, all or
 * nothing ones stage them (moved at the end, import-session.ts).
 */
export const importBatchWriter = (db: Database.Database): ((job: BatchJob) => BatchCounts) => {
  const writer = prepareWriter(db)
  // The batch's customers were read when the import began and its import row exists.
  return (job) =>
    withoutForeignKeyChecks(db, () =>
      db
        .transaction((): BatchCounts => {
          const c =
            job.policy === 'keep_valid'
              ? writer.writeEvents(job.rows, job)
              : writer.stageEvents(job.rows, job)
          addCounts(db, job.importId, job.rows.read, c)
          if (job.header) {
            const { headers, mapping, stored, at } = job.header
            rememberMapping(db, headers, mapping, at)
            if (stored) saveStoredMapping(db, job.importId, stored)
          }
          return c
        })
        .immediate(),
    )
}
