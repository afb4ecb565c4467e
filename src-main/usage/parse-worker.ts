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
import { loadCustomerDirectory } from './customer-directory'

/**
 * The worker thread of batch-source.ts: reads the ledger's customers once, then parses each
 * chunk it is sent and posts the batches, in order. After each chunk it checkpoints the WAL
 * (the importer's connection does not meanwhile), on its own connection to the ledger.
 */
const port = parentPort
if (port) {
  const { path, setup } = workerData as { path: string; setup: ParserSetup }
  const db = new Database(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS })
  const parse = serveParser(setup, loadCustomerDirectory(db), (message: ParserMessage) =>
    port.postMessage(message),
  )
  port.on('message', (request: ParserRequest) => {
    parse(request)
    checkpoint(db)
  })
  port.postMessage('ready')
}
