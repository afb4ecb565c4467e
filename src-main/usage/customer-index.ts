import type Database from 'better-sqlite3'

/**
 * The (customer, metric, ts, quantity) index billing and the explorer read usage by. Every
 * event lands at a random place in it, so keeping it up to date costs far more than the rest of
 * an event's write (on a million events: about 9 s, against under a second for building it
 * afresh). An import that is large next to what the ledger holds therefore drops it before its
 * first batch and builds it again when it ends, whichever way it ends. A process that dies in
 * between leaves it missing: queries are then slower, never wrong, and the next start-up, the
 * next import to end or the next billing run builds it again.
 */
export const CUSTOMER_INDEX = 'usage_event_customer_metric_ts'

/** As the migrations create it (0007, then 0009; a test holds the two equal). */
export const CREATE_CUSTOMER_INDEX = `CREATE INDEX ${CUSTOMER_INDEX} ON usage_event (customer_id, metric, ts, quantity_micros)`

/** Below this many rows an import keeps the index: rebuilding would not pay off. */
export const DEFER_FROM_ROWS = 50_000

/**
 * Whether an import of about `rows` events should build the index afresh: when it adds at
 * least a third of what is stored (inserting costs about 5.5 times per event what a rebuild
 * costs per stored event) and at least `minimum` rows.
 */
export const rebuildPaysOff = (
  db: Database.Database,
  rows: number,
  minimum = DEFER_FROM_ROWS,
): boolean => {
  if (rows < minimum) return false
  // Events are never deleted, so the highest rowid is (about) how many there are, at no cost.
  const stored = db.prepare<[], number | null>('SELECT max(rowid) FROM usage_event').pluck().get()
  return rows * 3 >= (stored ?? 0)
}

/**
 * At an import's first batch: from its rows and the bytes read for them, about how many rows
 * the file holds; if rebuilding pays off, the index is dropped now (to be built again when the
 * import ends). True when it was.
 */
export const dropIfRebuildPaysOff = (
  db: Database.Database,
  first: { totalBytes: number | undefined; rows: number; bytesRead: number },
  minimum?: number,
): boolean => {
  if (!first.totalBytes || first.bytesRead === 0) return false
  const estimate = Math.round((first.totalBytes * first.rows) / first.bytesRead)
  if (!rebuildPaysOff(db, estimate, minimum)) return false
  dropCustomerIndex(db)
  return true
}

/**
 * The (ts) index the explorer pages and filters by time with. An export in time order appends
 * to it, which costs next to nothing; a file that is not (a merge of several exports) puts every
 * event at a random place in it, and each batch's commit then rewrites most of its pages: on a
 * million such events about 0.4 GB more written and twice the time. So an import that rebuilds
 * the customer index also drops this one as soon as its events go back in time
 * (dropTimeIndexIfOutOfOrder), and both are built again together.
 */
export const TIME_INDEX = 'usage_event_ts'

/** As the migrations create it (0003, then 0009). */
export const CREATE_TIME_INDEX = `CREATE INDEX ${TIME_INDEX} ON usage_event (ts)`

/**
 * The (metric, ts, quantity) index the explorer's chart and totals sum from (migration 0024). It
 * takes events where the time index does, within each metric: cheap for a file in time order,
 * at a random place for one that is not. So it goes and comes back with the time index.
 */
export const METRIC_INDEX = 'usage_event_metric_ts'

/** As migration 0024 creates it. */
export const CREATE_METRIC_INDEX = `CREATE INDEX ${METRIC_INDEX} ON usage_event (metric, ts, quantity_micros)`

const hasIndex = (db: Database.Database, name: string): boolean =>
  db
    .prepare<[string], number>(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?",
    )
    .pluck()
    .get(name) === 1

export const hasCustomerIndex = (db: Database.Database): boolean => hasIndex(db, CUSTOMER_INDEX)

export const hasTimeIndex = (db: Database.Database): boolean => hasIndex(db, TIME_INDEX)

export const hasMetricIndex = (db: Database.Database): boolean => hasIndex(db, METRIC_INDEX)

export const dropCustomerIndex = (db: Database.Database): void => {
  db.exec(`DROP INDEX IF EXISTS ${CUSTOMER_INDEX}`)
}

/** The time index, and the metric index that goes with it. */
export const dropTimeIndex = (db: Database.Database): void => {
  db.exec(`DROP INDEX IF EXISTS ${TIME_INDEX}`)
  db.exec(`DROP INDEX IF EXISTS ${METRIC_INDEX}`)
}

/** The latest instant stored, from the time index (one seek); null when there is none. */
export const latestStored = (db: Database.Database): number | null =>
  hasTimeIndex(db)
    ? (db.prepare<[], number | null>('SELECT max(ts) FROM usage_event').pluck().get() ?? null)
    : null

/**
 * For an import that rebuilds the customer index: given the latest instant written before this
 * batch, drops the time index if the batch goes back before it or is not in order itself.
 * Returns the latest instant written after the batch.
 */
export const dropTimeIndexIfOutOfOrder = (
  db: Database.Database,
  ts: ArrayLike<number>,
  latest: number | null,
): number | null => {
  let last = latest ?? -Infinity
  let inOrder = true
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] ?? 0
    if (t < last) inOrder = false
    else last = t
  }
  if (!inOrder) dropTimeIndex(db)
  return last === -Infinity ? latest : last
}

/**
 * Building the index sorts every event. SQLite sorts in runs as large as the page cache and
 * merges them: runs of 2 MB stay in the processor's caches, and with a helper thread one run is
 * sorted while the next is read. On a million events that took the build from 1.2–1.6 s (one
 * thread, the default 16 MB) to about 0.7 s. The connection's settings come back afterwards.
 */
const SORT_SETTINGS = { cache_size: -2000, threads: 2 }

/** Builds the customer, time and metric indexes where missing; true when it had to build one. */
export const restoreCustomerIndex = (db: Database.Database): boolean => {
  const missing = [
    ...(hasCustomerIndex(db) ? [] : [CREATE_CUSTOMER_INDEX]),
    ...(hasTimeIndex(db) ? [] : [CREATE_TIME_INDEX]),
    ...(hasMetricIndex(db) ? [] : [CREATE_METRIC_INDEX]),
  ]
  if (missing.length === 0) return false
  const saved = Object.keys(SORT_SETTINGS).map((name) => [name, db.pragma(name, { simple: true })])
  for (const [name, value] of Object.entries(SORT_SETTINGS)) db.pragma(`${name} = ${value}`)
  try {
    for (const sql of missing) db.exec(sql.replace('CREATE INDEX', 'CREATE INDEX IF NOT EXISTS'))
  } finally {
    for (const [name, value] of saved) db.pragma(`${String(name)} = ${String(value)}`)
  }
  return true
}

/**
 * At start-up: an import that died between dropping the indexes and building them again left
 * them missing. Built again here unless an import is running (possibly in another process, which
 * builds it when it ends); an import cut off by a crash is only marked interrupted by the
 * desktop and browser hosts, so until then the next import to end builds it.
 */
export const restoreUnlessImporting = (db: Database.Database): boolean => {
  const running = db
    .prepare<[], number>("SELECT count(*) FROM usage_import WHERE status = 'running'")
    .pluck()
    .get()
  return running === 0 && restoreCustomerIndex(db)
}
