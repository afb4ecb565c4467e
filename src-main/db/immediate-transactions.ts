import type { DataSource, QueryRunner } from 'typeorm'

/** What TypeORM's SQLite query runner sends to open a transaction (AbstractSqliteQueryRunner). */
const DEFERRED_BEGIN = 'BEGIN TRANSACTION'
const IMMEDIATE_BEGIN = 'BEGIN IMMEDIATE TRANSACTION'

type Query = (sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>
const immediate = new WeakSet<QueryRunner>()

const beginImmediately = (runner: QueryRunner): QueryRunner => {
  if (immediate.has(runner)) return runner
  const query = runner.query.bind(runner) as Query
  const patched: Query = (sql, parameters, structured) =>
    query(sql === DEFERRED_BEGIN ? IMMEDIATE_BEGIN : sql, parameters, structured)
  Object.assign(runner, { query: patched })
  immediate.add(runner)
  return runner
}

/**
 * Makes every TypeORM transaction on this data source take SQLite's write lock when it begins:
 * the dispatcher's mutations, and the transactions TypeORM opens by itself around a `save`.
 * Several processes share the ledger file (the desktop app, `meterbook serve`, cron). A deferred
 * transaction that reads and then writes fails with SQLITE_BUSY_SNAPSHOT when another process
 * committed in between, and the busy timeout cannot help it; one that begins IMMEDIATE waits
 * (bounded by the busy timeout) for the other writer and then works on the latest data.
 * TypeORM has no option for it, so the one place that opens every transaction is adjusted: the
 * driver's query runners, whose BEGIN becomes BEGIN IMMEDIATE (savepoints are unchanged).
 */
export const immediateTransactions = (dataSource: DataSource): void => {
  const { driver } = dataSource
  const create = driver.createQueryRunner.bind(driver)
  driver.createQueryRunner = (mode) => beginImmediately(create(mode))
}
