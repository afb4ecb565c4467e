import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { BUSY_TIMEOUT_MS } from '../db/busy-timeout'
import { checkpoint } from '../db/checkpoints'
import {
  serveParser,
  type ParserMessage,
  type ParserRequest,
  type ParserSetup,
} from './batch-source'

/**
 * The worker thread of batch-source.ts: reads the ledger's customers once, then parses each
 * chunk it is sent and posts the batches, in order. At the end of a large import it builds the
 * customer index again on its own connection, and copies the pages it wrote into the database
 * file (a checkpoint) rather than leave that to the importer's next commit.
 */
const port = parentPort
if (port) {
  const { path, setup } = workerData as { path: string; setup: ParserSetup }
  const db = new Database(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS })
  const post = (message: ParserMessage): void => port.postMessage(message)
  const serve = serveParser(setup, db, post)
  port.on('message', (request: ParserRequest) => {
    serve(request)
    if (request.type === 'index') checkpoint(db)
  })
  port.postMessage('ready')
}
