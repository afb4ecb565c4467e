import { existsSync } from 'node:fs'
import type { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import type { ColumnMapping, UsageFormat } from '../../src-shared/domain/usage'
import { builtWorker, startWorker } from '../worker-threads'
import type { BatchRows } from './batch'
import { BatchParser, type ParsedHeader } from './batch-parser'
import { loadCustomerDirectory } from './customer-directory'
import { restoreCustomerIndex } from './customer-index'
import { FileRefused } from './records'
import { keyOf } from '../db/sqlite-open'

/** What the parser reports, in file order. Each chunk sent is answered by `fed` (or `ended`). */
export type ParserMessage =
  | { type: 'header'; header: ParsedHeader }
  | { type: 'batch'; rows: BatchRows; bytesRead: number }
  /** A chunk was read; `read` rows so far, handed on or waiting for the next batch. */
  | { type: 'fed'; read: number }
  /** The end of the file was read: every batch has been handed on. */
  | { type: 'ended'; read: number; headers: string[] | null }
  /** The customer index is there again (customer-index.ts). */
  | { type: 'indexed' }
  | { type: 'refused'; message: string; fields: Record<string, string> }
  | { type: 'failed'; message: string }

/** What the parser is sent; `index` asks it to build the customer index if it is missing. */
export type ParserRequest = { type: 'feed'; text: string } | { type: 'end' } | { type: 'index' }

export type ParserSetup = {
  format: UsageFormat
  mapping: ColumnMapping
  batchRows: number
}

/**
 * The parsing side of an import: chunks go in, batches of validated rows come out, in order.
 * The importer takes them one at a time and writes each on the ledger's connection, so every
 * write happens in the importer's own turn.
 */
export type BatchSource = {
  kind: 'worker' | 'thread'
  send: (request: ParserRequest) => void
  /** The next message, once there is one. */
  next: () => Promise<ParserMessage>
  close: () => Promise<void>
}

/**
 * A parser answering requests with messages (in this thread or in the worker), reading the
 * ledger's customers once, on `db`; after a refusal or a failure it reads no more. An `index`
 * request builds the customer index again if it is missing: after a large import that takes
 * seconds (customer-index.ts), which a worker spends off the importer's thread.
 */
export const serveParser = (
  setup: ParserSetup,
  db: Database.Database,
  post: (message: ParserMessage) => void,
): ((request: ParserRequest) => void) => {
  let stopped = false
  const parser = new BatchParser(setup, loadCustomerDirectory(db), setup.batchRows, {
    header: (header) => post({ type: 'header', header }),
    batch: (rows, bytesRead) => post({ type: 'batch', rows, bytesRead }),
  })
  return (request) => {
    try {
      if (request.type === 'index') {
        // Answered even after a refusal: the import still ends, and wants its index back.
        restoreCustomerIndex(db)
        post({ type: 'indexed' })
      } else if (stopped) return
      else if (request.type === 'feed') {
        parser.feed(request.text)
        post({ type: 'fed', read: parser.read })
      } else {
        parser.end()
        post({ type: 'ended', read: parser.read, headers: parser.headers })
      }
    } catch (error) {
      stopped = true
      post(
        error instanceof FileRefused
          ? { type: 'refused', message: error.message, fields: error.fields }
          : { type: 'failed', message: error instanceof Error ? error.message : String(error) },
      )
    }
  }
}

/**
 * The importer's side of a source: sends it the file, keeps what it learns of the file (the
 * header, the rows read) and hands on the batches, in order.
 */
export class ParsedFile {
  readonly source: BatchSource
  header: ParsedHeader | null = null
  /** The header's columns, known once the end of the file was read (null: there is none). */
  headers: string[] | null = null
  /** Rows read so far, written or not. */
  read = 0
  #sent = 0
  #answered = 0

  constructor(source: BatchSource) {
    this.source = source
  }

  send(request: ParserRequest): void {
    this.source.send(request)
    this.#sent += 1
  }

  /**
   * Builds the customer index again if it is missing, where the source runs. Batches still on
   * their way (a cancelled import's) are dropped, not written.
   */
  async restoreIndex(): Promise<void> {
    this.send({ type: 'index' })
    const batches = this.batches(0)
    while (!(await batches.next()).done) continue
  }

  /** The batches handed on until the parser is at most `ahead` requests behind. */
  async *batches(ahead: number): AsyncGenerator<{ rows: BatchRows; bytesRead: number }> {
    while (this.#sent - this.#answered > ahead) {
      const message = await this.source.next()
      switch (message.type) {
        case 'header':
          this.header = message.header
          break
        case 'batch':
          yield message
          break
        case 'fed':
          this.#answered += 1
          this.read = message.read
          break
        case 'ended':
          this.#answered += 1
          this.read = message.read
          this.headers = message.headers
          break
        case 'indexed':
          this.#answered += 1
          break
        case 'refused':
          throw new FileRefused(message.message, message.fields)
        case 'failed':
          throw new Error(message.message)
      }
    }
  }
}

/** A queue of messages: `next` waits for one when none is there. */
const messageQueue = () => {
  const queue: ParserMessage[] = []
  let waiting: ((message: ParserMessage) => void) | null = null
  return {
    push: (message: ParserMessage): void => {
      if (waiting) {
        const resolve = waiting
        waiting = null
        resolve(message)
      } else queue.push(message)
    },
    next: (): Promise<ParserMessage> => {
      const message = queue.shift()
      if (message) return Promise.resolve(message)
      return new Promise((resolve) => (waiting = resolve))
    },
  }
}

/** The parser in this thread: each request is read at once, its messages queued. */
const inThread = (db: Database.Database, setup: ParserSetup): BatchSource => {
  const queue = messageQueue()
  const send = serveParser(setup, db, queue.push)
  return { kind: 'thread', send, next: queue.next, close: () => Promise.resolve() }
}

/** A parser in a worker thread. */
const inWorker = (worker: Worker): BatchSource => {
  const queue = messageQueue()
  let closed = false
  worker.on('message', queue.push)
  const stopped = (message: string): void => {
    if (!closed) queue.push({ type: 'failed', message })
  }
  worker.on('error', (error) => stopped(error.message))
  worker.on('exit', (code) => stopped(`The usage file reader stopped (exit code ${code}).`))
  return {
    kind: 'worker',
    send: (request) => worker.postMessage(request),
    next: queue.next,
    close: async () => {
      closed = true
      await worker.terminate()
    },
  }
}

/**
 * The parsing worker's heap. V8 grows a heap by a larger factor the larger its limit, and
 * parsing allocates many short-lived strings: under the default limit (a quarter of the
 * machine's memory) the heap swells to about 160 MB between full collections, under this one
 * it stays under 100 MB at the same speed. Still far above what a parser holds (its customers,
 * a batch, a chunk), even with a million customers.
 */
const PARSER_HEAP = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 16 }

/**
 * Where an import's file is parsed. On a ledger file, a worker thread (parse-worker.ts, built
 * as usage-parser.js) parses and validates while the importer writes the previous batch: the
 * two overlap. In memory, from the sources or where no worker starts, the importer's thread
 * parses.
 */
export const openBatchSource = async (
  db: Database.Database,
  setup: ParserSetup,
  workerFile = builtWorker('usage-parser'),
): Promise<BatchSource> => {
  if (db.memory || !existsSync(workerFile)) return inThread(db, setup)
  const worker = await startWorker(
    workerFile,
    { path: db.name, key: keyOf(db), setup },
    PARSER_HEAP,
  )
  return worker ? inWorker(worker) : inThread(db, setup)
}
