import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type {
  ColumnMapping,
  ImportPolicy,
  ImportProgress,
  ImportStatus,
  UsageFormat,
  UsageImport,
} from '../../src-shared/domain/usage'
import type { JsonValue } from '../../src-shared/domain/json'
import { withoutForeignKeyChecks } from '../db/foreign-keys'
import { AppError } from '../errors'
import { Batch, type BatchCounts } from './batch'
import { dropCustomerIndex, rebuildPaysOff, restoreCustomerIndex } from './customer-index'
import { loadCustomerDirectory } from './customer-directory'
import { moveStaged, prepareWriter } from './event-writer'
import {
  addCounts,
  auditState,
  endImport,
  getImport,
  insertImport,
  rejectWholeFile,
  saveStoredMapping,
  writeAudit,
  type StoredMapping,
} from './import-store'
import { rememberMapping } from './mappings'
import { addTo, emptyTally, progressOf } from './progress'
import { FileRefused, type RecordReader } from './records'
import { createRowReader, mappingProblems } from './row-source'
import { RowValidator, emptyValidRow } from './row-validator'

export type EngineDeps = {
  /** The ledger's raw handle: bulk writes go through prepared statements. */
  db: Database.Database
  operator: string
  now: () => Date
  /** Rows per transaction; tests make it small to see batch boundaries. */
  batchRows?: number
  /** The smallest import that rebuilds the customer index rather than inserting into it. */
  rebuildIndexFrom?: number
}

export type ImportStart = {
  fileName: string
  format: UsageFormat
  mapping: ColumnMapping
  policy: ImportPolicy
  totalBytes?: number | undefined
}

/**
 * Rows per transaction. A crash or a cancel loses at most one batch, which a re-run then stores.
 * Larger batches than this only keep more rows in memory: with the customer index rebuilt at
 * the end (customer-index.ts), a commit writes little more than the batch's own rows.
 */
export const DEFAULT_BATCH_ROWS = 20_000

type Ending = { status: ImportStatus; counts?: BatchCounts; failure?: string }

/**
 * One import, fed its file chunk by chunk. Rows are validated as they are read and written in
 * batches, one transaction each, which also advances the import's counters: whatever happens,
 * the stored counts describe exactly the rows stored. All-or-nothing imports stage their rows
 * and move them in one transaction at the end, or refuse the file.
 */
export class ImportSession {
  readonly id: string
  readonly #deps: EngineDeps
  readonly #start: ImportStart
  readonly #batchRows: number
  readonly #batch = new Batch()
  readonly #reader: RecordReader
  readonly #writer: ReturnType<typeof prepareWriter>
  readonly #began = performance.now()
  readonly #counts = emptyTally()
  readonly #audits: { id: number; action: string }[] = []
  #status: ImportStatus = 'running'
  #failure: string | null = null
  #bytesRead = 0
  #header: { headers: string[]; delimiter: string | null; raw: string } | null = null
  #headerSaved = false
  /** Whether this import rebuilds the customer index at its end; decided at the first commit. */
  #rebuildIndex: boolean | null = null

  private constructor(deps: EngineDeps, start: ImportStart, id: string) {
    this.id = id
    this.#deps = deps
    this.#start = start
    this.#batchRows = deps.batchRows ?? DEFAULT_BATCH_ROWS
    const validator = new RowValidator(start.mapping, loadCustomerDirectory(deps.db))
    const out = emptyValidRow()
    const batch = this.#batch
    this.#reader = createRowReader(start.format, start.mapping, {
      header: (headers, delimiter, raw) => {
        this.#header = { headers, delimiter, raw }
      },
      row: (row) => {
        const problem = validator.check(row, out)
        if (problem) {
          const raw = row.rawSource.slice(row.rawStart, row.rawEnd)
          batch.addReject(row.rowNumber, raw, problem)
        } else batch.addValid(out, row)
        if (batch.rows >= this.#batchRows) this.#commit()
      },
      reject: (rowNumber, raw, problem) => {
        batch.addReject(rowNumber, raw, problem)
        if (batch.rows >= this.#batchRows) this.#commit()
      },
    })
    this.#writer = prepareWriter(deps.db, start.mapping.event_id)
  }

  /** Records the import as running (with its audit entry) and returns the session to feed. */
  static begin(deps: EngineDeps, start: ImportStart): ImportSession {
    const problems = mappingProblems(start.mapping)
    if (Object.keys(problems).length > 0) {
      throw new AppError(
        'validation_failed',
        `Each field needs its own column: ${Object.values(problems).join('; ')}.`,
        problems,
      )
    }
    const session = new ImportSession(deps, start, randomUUID())
    const at = deps.now().toISOString()
    deps.db
      .transaction(() => {
        insertImport(deps.db, { ...start, id: session.id, operator: deps.operator, startedAt: at })
        session.#audit('usage:import-begin', at, null, {
          fileName: start.fileName,
          format: start.format,
          policy: start.policy,
          mapping: start.mapping,
        })
      })
      .immediate()
    return session
  }

  get status(): ImportStatus {
    return this.#status
  }

  /** Why the import was refused, in a sentence; null otherwise. */
  get failure(): string | null {
    return this.#failure
  }

  /** Audit entries written since the last call, for the host to announce. */
  takeAudits(): { id: number; action: string }[] {
    return this.#audits.splice(0)
  }

  feed(text: string): ImportProgress {
    this.#assertRunning()
    this.#bytesRead += Buffer.byteLength(text, 'utf8')
    this.#guard(() => this.#reader.feed(text))
    return this.progress()
  }

  /** The end of the file: the last rows are written and the import ends. */
  finish(): UsageImport {
    this.#assertRunning()
    this.#guard(() => {
      this.#reader.end()
      if (this.#status !== 'running') return
      if (this.#start.format === 'csv' && this.#reader.headers === null)
        return this.#refuse('The file is empty: it has no header row.', true)
      if (this.#start.format === 'jsonl' && this.#counts.read + this.#batch.rows === 0)
        return this.#refuse('The file is empty: it has no rows.', true)
      this.#commit()
      if (this.#start.policy === 'keep_valid') return this.#end({ status: 'completed' })
      if (this.#counts.rejected > 0) {
        return this.#refuse(
          `${this.#counts.rejected} of ${this.#counts.read} rows were rejected, so nothing was imported (all or nothing).`,
          false,
        )
      }
      this.#end(() => {
        const moved = moveStaged(this.#deps.db, this.id, this.#start.mapping.event_id)
        if (moved.conflicts === 0) return { status: 'completed', counts: moved }
        const failure = `${moved.conflicts} rows conflict with events imported meanwhile, so nothing was imported (all or nothing).`
        return { status: 'refused', counts: moved, failure }
      })
    })
    return getImport(this.#deps.db, this.id)
  }

  /** Stops here: the rows not yet committed are dropped; committed batches stay. */
  cancel(): UsageImport {
    this.#assertRunning()
    this.#batch.clear()
    this.#guard(() => this.#end({ status: 'cancelled' }))
    return getImport(this.#deps.db, this.id)
  }

  progress(): ImportProgress {
    return progressOf({
      id: this.id,
      status: this.#status,
      tally: this.#counts,
      pendingRows: this.#batch.rows,
      bytesRead: this.#bytesRead,
      totalBytes: this.#start.totalBytes ?? null,
      seconds: (performance.now() - this.#began) / 1000,
    })
  }

  #assertRunning(): void {
    if (this.#status !== 'running')
      throw new AppError('conflict', `The import ${this.id} is ${this.#status}, not running.`)
  }

  /**
   * A refused file ends the import; any other failure (the disk, another process ending this
   * import) leaves it interrupted, with every committed batch intact, and is rethrown.
   */
  #guard(run: () => void): void {
    try {
      run()
    } catch (error) {
      if (error instanceof FileRefused && this.#status === 'running') {
        this.#batch.clear()
        this.#refuse(error.message, true)
        return
      }
      if (this.#status === 'running') {
        try {
          this.#end({ status: 'interrupted' })
        } catch {
          // The ledger is unavailable or the import was ended elsewhere: start-up will see it.
        }
        this.#status = 'interrupted'
      }
      throw error
    }
  }

  /** Writes the batch and the counters in one transaction. */
  #commit(): void {
    const batch = this.#batch
    const header = this.#headerSaved ? null : this.#header
    if (batch.rows === 0 && header === null) return
    const { db } = this.#deps
    // The batch's customers were read when the import began and its import row exists.
    const counts = withoutForeignKeyChecks(db, () =>
      db
        .transaction((): BatchCounts => {
          this.#rebuildIndex ??= this.#decideIndexRebuild(batch.rows)
          const c =
            this.#start.policy === 'keep_valid'
              ? this.#writer.writeEvents(batch, this.id)
              : this.#writer.stageEvents(batch, this.id)
          addCounts(db, this.id, batch.rows, c)
          if (header) this.#saveHeader(header)
          return c
        })
        .immediate(),
    )
    addTo(this.#counts, counts, batch.rows)
    if (header) this.#headerSaved = true
    batch.clear()
  }

  /**
   * From the rows in the first batch and the bytes read for them, about how many rows the file
   * holds; a large import drops the customer index now and builds it again at its end.
   */
  #decideIndexRebuild(rows: number): boolean {
    const { db, rebuildIndexFrom } = this.#deps
    const total = this.#start.totalBytes
    if (!total || this.#bytesRead === 0) return false
    const estimate = Math.round((total * (this.#counts.read + rows)) / this.#bytesRead)
    if (!rebuildPaysOff(db, estimate, rebuildIndexFrom)) return false
    dropCustomerIndex(db)
    return true
  }

  /** The mapping is remembered for this header, and the header kept for the rejects file. */
  #saveHeader(header: { headers: string[]; delimiter: string | null }): void {
    const { db, now } = this.#deps
    rememberMapping(db, header.headers, this.#start.mapping, now().toISOString())
    if (this.#start.format !== 'csv') return
    const stored: StoredMapping = {
      ...this.#start.mapping,
      headers: header.headers,
      ...(header.delimiter ? { delimiter: header.delimiter } : {}),
    }
    saveStoredMapping(db, this.id, stored)
  }

  /**
   * Ends a file that cannot be imported. A problem with the file as a whole (no header, a
   * mapped column missing) is kept as the rejected "row 0", so its reason is stored with it.
   */
  #refuse(failure: string, wholeFile: boolean): void {
    this.#end({ status: 'refused', failure }, wholeFile)
  }

  /** Ends the import in one transaction; `ending` may be work done inside it (the final move). */
  #end(ending: Ending | (() => Ending), wholeFile = false): void {
    const { db, now } = this.#deps
    const at = now().toISOString()
    const final = db
      .transaction((): Ending => {
        const result = typeof ending === 'function' ? ending() : ending
        const c = result.counts ?? { imported: 0, duplicates: 0, rejected: 0, late: 0 }
        if (this.#start.policy === 'all_or_nothing')
          db.prepare('DELETE FROM usage_staging WHERE import_id = ?').run(this.id)
        if (wholeFile && result.failure)
          rejectWholeFile(db, this.id, result.failure, this.#header?.raw ?? '')
        if (this.#rebuildIndex) restoreCustomerIndex(db)
        endImport(db, this.id, { status: result.status, at, counts: c })
        const row = getImport(db, this.id)
        this.#audit(
          `usage:import-${result.status}`,
          at,
          { status: 'running' },
          {
            ...auditState(row),
            ...(result.failure ? { failure: result.failure } : {}),
          },
        )
        return result
      })
      .immediate()
    this.#status = final.status
    this.#failure = final.failure ?? null
    if (final.counts) addTo(this.#counts, final.counts)
  }

  #audit(action: string, at: string, before: JsonValue, after: JsonValue): void {
    const { db, operator } = this.#deps
    const id = writeAudit(db, { at, operator, action, entityId: this.id, before, after })
    this.#audits.push({ id, action })
  }
}
