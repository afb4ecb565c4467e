import { parentPort, workerData } from 'node:worker_threads'
import { BUSY_TIMEOUT_MS } from '../db/busy-timeout'
import { openSqlite } from '../db/sqlite-open'
import { answering, type Request } from './batch-write'

/**
 * The worker thread of batch-writer.ts: on its own connection to the ledger file, writes a billing
 * run's batches and reads the usage sums of the batches to come, in the order asked. After a
 * batch fails it answers no more: the run fails as it would have in one thread, and a re-run
 * picks up from the last batch written.
 */
const port = parentPort
if (port) {
  const { path, key } = workerData as { path: string; key: string | null }
  const db = openSqlite(path, { timeout: BUSY_TIMEOUT_MS }, key)
  db.pragma('foreign_keys = ON')
  // Every insert into a table with a trigger (the money bounds, the draft-only guards) runs with
  // a statement journal, which otherwise goes through a temporary file: in memory, the run's
  // invoice inserts take about a third of the time (bench/billing-run.bench.ts). This
  // connection only inserts a run's batches, so its statement journals stay small.
  db.pragma('temp_store = MEMORY')
  const answer = answering(db)
  port.postMessage('ready')
  let failure: string | null = null
  port.on('message', (request: Request) => {
    if (failure === null) {
      try {
        port.postMessage(answer(request))
        return
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error)
      }
    }
    port.postMessage({ ok: false, message: failure })
  })
}
