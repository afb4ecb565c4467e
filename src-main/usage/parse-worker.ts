import { parentPort, workerData } from 'node:worker_threads'
import { BUSY_TIMEOUT_MS } from '../db/busy-timeout'
import { checkpoint } from '../db/checkpoints'
import { openSqlite } from '../db/sqlite-open'
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
  const { path, key, setup } = workerData as {
    path: string
    key: string | null
    setup: ParserSetup
  }
  const db = openSqlite(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS }, key)
  const post = (message: ParserMessage): void => port.postMessage(message)
  const serve = serveParser(setup, db, post)
  port.on('message', (request: ParserRequest) => {
    serve(request)
    if (request.type === 'index') checkpoint(db)
  })
  port.postMessage('ready')
}
