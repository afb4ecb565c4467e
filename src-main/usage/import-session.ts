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
import type { UsageAlert } from '../../src-shared/domain/alerts'
import { processOwner } from '../db/process-owner'
import { AppError } from '../errors'
import { emptyRows, type BatchCounts, type BatchRows } from './batch'
import { openBatchSource, ParsedFile } from './batch-source'
import { headerToSave, importBatchWriter } from './batch-write'
import {
  dropIfRebuildPaysOff,
  dropTimeIndexIfOutOfOrder,
  hasTimeIndex,
  latestStored,
  restoreCustomerIndex,
} from './customer-index'
import { moveStaged, type WriteTarget } from './event-writer'
import { Footprints, type UsageFootprint } from './footprint'
import {
  auditState,
  endImport,
  getImport,
  insertImport,
  rejectWholeFile,
  writeAudit,
} from './import-store'
import { addTo, emptyTally, progressOf } from './progress'
import { FileRefused } from './records'
import { mappingProblems } from './row-source'

export type EngineDeps = {
  /** The ledger's raw handle: bulk writes go through prepared statements. */
  db: Database.Database
  operator: string
  now: () => Date
  /** Rows per transaction; tests make it small to see batch boundaries. */
  batchRows?: number
  /** The smallest import that rebuilds the customer index rather than inserting into it. */
  rebuildIndexFrom?: number
  /** The parsing worker's entry (the built usage-parser.js unless a test says otherwise). */
  parserFile?: string
  /**
   * Once an import that wrote events ends, inside its final transaction (usage alerts, a later
   * stage, are evaluated here by whoever starts the import): what it fired.
   */
  onImported?: ImportedHook
}

export type ImportedHook = (
  db: Database.Database,
  footprint: readonly UsageFootprint[],
  info: { importId: string; at: Date },
) => UsageAlert[]

export type ImportStart = {
  fileName: string
  format: UsageFormat
  mapping: ColumnMapping
  policy: ImportPolicy
  totalBytes?: number | undefined
}

/**
 * Rows per transaction. A crash or a cancel loses at most one batch, which a re-run then stores.
 * Larger batches than this only keep more rows in memory (in both threads, and for longer, so
 * more of them outlive the young generation): with the customer index rebuilt at the end
 * (customer-index.ts), a commit writes little more than the batch's own rows.
 */
export const DEFAULT_BATCH_ROWS = 10_000

type Ending = { status: ImportStatus; counts?: BatchCounts; failure?: string }

/**
 * Chunks a parsing worker may be behind by when `feed` returns: one, so that it reads the next
 * chunk while the batch of the last one is written. More would only hold more rows in memory.
 * (A parser in this thread has read each chunk by the time it is sent: nothing to wait for.)
 */
const CHUNKS_AHEAD = 1

/**
 * One import, fed its file chunk by chunk. Rows are validated as they are read and written in
 * batches, one transaction each, which also advances the import's counters: whatever happens,
 * the stored counts describe exactly the rows stored. All-or-nothing imports stage their rows
 * and move them in one transaction at the end, or refuse the file.
 *
 * On a ledger file the rows are read and validated by a worker thread (batch-source.ts) while
 * this one writes the previous batch: the two overlap. Every write happens here, inside a call
 * to `feed`, `finish` or `cancel`, so an import never writes outside its caller's turn.
 */
export class ImportSession {
  readonly id: string
  readonly #deps: EngineDeps
  readonly #start: ImportStart
  readonly #file: ParsedFile
  readonly #write: ReturnType<typeof importBatchWriter>
  readonly #began = performance.now()
  readonly #counts = emptyTally()
  readonly #audits: { id: number; action: string }[] = []
  readonly #footprints = new Footprints()
  #fired: UsageAlert[] = []
  /** The import's number, which its events carry; given when it is recorded. */
  #seq = 0
  #status: ImportStatus = 'running'
  #failure: string | null = null
  #bytesRead = 0
  #headerSaved = false
  /** Whether this import rebuilds the customer index at its end; decided at the first commit. */
  #rebuildIndex: boolean | null = null
  /** While the time index is kept: the latest instant written, to see events go back in time. */
  #latest: number | null = null

  private constructor(deps: EngineDeps, start: ImportStart, id: string, file: ParsedFile) {
    this.id = id
    this.#deps = deps
    this.#start = start
    this.#file = file
    this.#write = importBatchWriter(deps.db)
  }

  /** Records the import as running (with its audit entry) and returns the session to feed. */
  static async begin(deps: EngineDeps, start: ImportStart): Promise<ImportSession> {
    const problems = mappingProblems(start.mapping)
    if (Object.keys(problems).length > 0) {
      throw new AppError(
        'validation_failed',
        `Each field needs its own column: ${Object.values(problems).join('; ')}.`,
        problems,
      )
    }
    const setup = {
      format: start.format,
      mapping: start.mapping,
      batchRows: deps.batchRows ?? DEFAULT_BATCH_ROWS,
    }
    const source = await openBatchSource(deps.db, setup, deps.parserFile)
    const session = new ImportSession(deps, start, randomUUID(), new ParsedFile(source))
    const at = deps.now().toISOString()
    try {
      deps.db
        .transaction(() => {
          session.#seq = insertImport(deps.db, {
            ...start,
            id: session.id,
            operator: deps.operator,
            startedAt: at,
            owner: processOwner(),
          })
          session.#audit('usage:import-begin', at, null, {
            fileName: start.fileName,
            format: start.format,
            policy: start.policy,
            mapping: start.mapping,
          })
        })
        .immediate()
    } catch (error) {
      await source.close()
      throw error
    }
    return session
  }

  /** Where the file is parsed: a worker thread, or this one. */
  get parser(): 'worker' | 'thread' {
    return this.#file.source.kind
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

  /** The usage alerts the import fired when it ended, since the last call. */
  takeFired(): UsageAlert[] {
    return this.#fired.splice(0)
  }

  /** Reads a chunk of the file, writing the batches it completes. */
  async feed(text: string): Promise<ImportProgress> {
    this.#assertRunning()
    this.#bytesRead += Buffer.byteLength(text, 'utf8')
    await this.#guard(async () => {
      this.#file.send({ type: 'feed', text })
      await this.#writeUntil(this.#file.source.kind === 'worker' ? CHUNKS_AHEAD : 0)
    })
    return this.progress()
  }

  /** The end of the file: the last rows are written and the import ends. */
  async finish(): Promise<UsageImport> {
    this.#assertRunning()
    await this.#guard(async () => {
      this.#file.send({ type: 'end' })
      await this.#writeUntil(0)
      if (this.#start.format === 'csv' && this.#file.headers === null)
        return this.#refuse('The file is empty: it has no header row.', true)
      if (this.#start.format === 'jsonl' && this.#file.read === 0)
        return this.#refuse('The file is empty: it has no rows.', true)
      if (!this.#headerSaved) this.#commit(null)
      if (this.#start.policy === 'keep_valid') return this.#endAfterIndex({ status: 'completed' })
      if (this.#counts.rejected > 0) {
        return this.#refuse(
          `${this.#counts.rejected} of ${this.#counts.read} rows were rejected, so nothing was imported (all or nothing).`,
          false,
        )
      }
      return this.#end(() => {
        const moved = moveStaged(this.#deps.db, this.#target())
        if (moved.conflicts === 0) return { status: 'completed', counts: moved }
        const failure = `${moved.conflicts} rows conflict with events imported meanwhile, so nothing was imported (all or nothing).`
        return { status: 'refused', counts: moved, failure }
      })
    })
    return getImport(this.#deps.db, this.id)
  }

  /** Stops here: the rows not yet written are dropped; the batches written stay. */
  async cancel(): Promise<UsageImport> {
    this.#assertRunning()
    await this.#guard(() => this.#endAfterIndex({ status: 'cancelled' }))
    return getImport(this.#deps.db, this.id)
  }

  /**
   * The process is stopping (a host closing on SIGTERM): the import ends `interrupted` at once,
   * its committed batches kept and its parser stopped. A customer index this import dropped is
   * left for the next start to build (restoreUnlessImporting), which could take minutes here.
   */
  async interrupt(): Promise<void> {
    if (this.#status !== 'running') return
    this.#rebuildIndex = false
    await this.#guard(() => this.#end({ status: 'interrupted' }))
  }

  progress(): ImportProgress {
    return progressOf({
      id: this.id,
      status: this.#status,
      tally: this.#counts,
      pendingRows: Math.max(0, this.#file.read - this.#counts.read),
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
   * import) leaves it interrupted, with every committed batch intact, and is rethrown. The
   * parser stops once the import has ended, whichever way.
   */
  async #guard(run: () => void | Promise<void>): Promise<void> {
    try {
      await run()
    } catch (error) {
      if (error instanceof FileRefused && this.#status === 'running') {
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
    } finally {
      if (this.#status !== 'running') await this.#file.source.close()
    }
  }

  /** Writes what the parser hands on until it is at most `ahead` chunks behind. */
  async #writeUntil(ahead: number): Promise<void> {
    for await (const { rows, bytesRead } of this.#file.batches(ahead)) {
      // From the first batch: about how many rows the file holds, hence whether to rebuild.
      const { db, rebuildIndexFrom } = this.#deps
      const estimate = { totalBytes: this.#start.totalBytes, rows: rows.read, bytesRead }
      if (this.#rebuildIndex === null) {
        this.#latest = latestStored(db)
        this.#rebuildIndex = dropIfRebuildPaysOff(db, estimate, rebuildIndexFrom)
      }
      if (this.#rebuildIndex && hasTimeIndex(db))
        this.#latest = dropTimeIndexIfOutOfOrder(db, rows.ts, this.#latest)
      this.#commit(rows)
    }
  }

  /** Writes a batch (or only the header) and the counters in one transaction. */
  #commit(rows: BatchRows | null): void {
    const header = this.#headerSaved ? null : this.#file.header
    const batch = rows ?? emptyRows()
    if (batch.read === 0 && header === null) return
    const counts = this.#write({
      ...this.#target(),
      policy: this.#start.policy,
      rows: batch,
      header: header && headerToSave(header, this.#start, this.#deps.now().toISOString()),
    })
    addTo(this.#counts, counts, batch.read)
    this.#footprints.add(batch)
    if (header) this.#headerSaved = true
  }

  #target(): WriteTarget {
    return { importId: this.id, importSeq: this.#seq, eventIdColumn: this.#start.mapping.event_id }
  }

  /**
   * Ends an import whose events are all written: the customer index, if this import dropped
   * it, is built again first, where the parser runs (off this thread when that is a worker).
   * (An all-or-nothing import moves its rows at its end, and builds the index after that.)
   */
  async #endAfterIndex(ending: Ending): Promise<void> {
    if (this.#rebuildIndex) await this.#file.restoreIndex()
    this.#end(ending)
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
      .transaction((): Ending & { fired: UsageAlert[] } => {
        const result = typeof ending === 'function' ? ending() : ending
        const c = result.counts ?? { imported: 0, duplicates: 0, rejected: 0, late: 0 }
        if (this.#start.policy === 'all_or_nothing')
          db.prepare('DELETE FROM usage_staging WHERE import_id = ?').run(this.id)
        if (wholeFile && result.failure)
          rejectWholeFile(db, this.id, result.failure, this.#file.header?.raw ?? '')
        if (this.#rebuildIndex) restoreCustomerIndex(db)
        endImport(db, this.id, { status: result.status, at, counts: c })
        // After the customer index is back: each evaluation is a range read along it.
        const wrote = result.status === 'completed' || result.status === 'cancelled'
        const fired =
          wrote && this.#deps.onImported
            ? this.#deps.onImported(db, this.#footprints.list(), { importId: this.id, at: now() })
            : []
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
        return { ...result, fired }
      })
      .immediate()
    this.#fired.push(...final.fired)
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
