/**
 * One SQL text for both ledgers, for the services' move to PostgreSQL: written with PostgreSQL's
 * numbered parameters (`$1`, `$2`, a number may repeat), which become SQLite's `?` with the values
 * in the order they appear (better-sqlite3 binds `?NNN` by name, not from an array). Everything
 * else the ledger needs reads the same on both (`ON CONFLICT … DO NOTHING`, `DO UPDATE`,
 * `RETURNING`, `"column"` quoted); tests/pg/shared-sql.test.ts runs examples on both. Only for
 * SQL whose text holds no `$` of its own (no dollar-quoted strings).
 */
export const forSqlite = (
  sql: string,
  values: readonly unknown[],
): { sql: string; values: unknown[] } => {
  const ordered: unknown[] = []
  const text = sql.replace(/\$(\d+)/g, (_match, n: string) => {
    ordered.push(values[Number(n) - 1])
    return '?'
  })
  return { sql: text, values: ordered }
}
