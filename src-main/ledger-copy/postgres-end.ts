import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { AppError } from '../errors'
import { migrations } from '../db/migrations'
import { connectPostgres, redactUrl } from '../db/postgres/client'
import { migratePostgres, readAppliedPostgres } from '../db/postgres/migrate'
import {
  LEDGER_TABLES,
  canonical,
  SEEDED_TABLES,
  quote,
  type LedgerEnd,
  type TableShape,
  type TargetEnd,
  type Value,
} from './ledger-end'

const INTEGER_TYPES = ['smallint', 'integer', 'bigint']

// The copy reads BIGINT as the text pg gives (no parsing): a value moves exactly as stored.
const connect = (url: string): Promise<pg.Client> => connectPostgres(url, pg.types)

const readSide = (client: pg.Client, url: string): LedgerEnd => {
  let cursors = 0
  return {
    label: redactUrl(url),
    kind: 'postgres',
    applied: () => readAppliedPostgres(client),
    async shape(table) {
      const columns = await client.query<{ name: string; type: string }>(
        `SELECT column_name AS name, data_type AS type FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1`,
        [table],
      )
      const key = await client.query<{ name: string }>(
        `SELECT a.attname AS name FROM pg_index i
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
         WHERE i.indrelid = $1::regclass AND i.indisprimary
         ORDER BY array_position(i.indkey::int2[], a.attnum)`,
        [quote(table)],
      )
      return {
        name: table,
        columns: columns.rows
          .map((c) => ({ name: c.name, integer: INTEGER_TYPES.includes(c.type) }))
          .sort((a, b) => (a.name < b.name ? -1 : 1)),
        key: key.rows.map((k) => k.name),
      }
    },
    async count(table) {
      const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`)
      return Number(result.rows[0]?.n ?? 0)
    },
    // Text keys in byte order (COLLATE "C"), as SQLite's BINARY orders them.
    async *rows(shape, _order, batchSize) {
      const cursor = `ledger_copy_${(cursors += 1)}`
      const columnOf = new Map(shape.columns.map((c) => [c.name, c]))
      const by = shape.key
        .map((k) => `${quote(k)}${columnOf.get(k)?.integer === true ? '' : ' COLLATE "C"'}`)
        .join(', ')
      await client.query(
        `DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${shape.columns.map((c) => quote(c.name)).join(', ')}
         FROM ${quote(shape.name)} ORDER BY ${by}`,
      )
      for (;;) {
        const batch = await client.query<unknown[]>({
          text: `FETCH ${batchSize} FROM ${cursor}`,
          rowMode: 'array',
        })
        if (batch.rows.length === 0) break
        yield batch.rows.map((row) => row.map(canonical))
      }
      await client.query(`CLOSE ${cursor}`)
    },
    close: () => client.end(),
  }
}

/** A PostgreSQL ledger to copy from, read in one read-only snapshot. */
export const openPostgresSource = async (url: string): Promise<LedgerEnd> => {
  const client = await connect(url)
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY')
  return readSide(client, url)
}

/** The first ledger table holding rows (seeded rows aside), or null for an empty database. */
export const postgresOccupiedTable = async (url: string): Promise<string | null> => {
  const client = await connect(url)
  try {
    for (const table of LEDGER_TABLES) {
      if (SEEDED_TABLES.includes(table)) continue
      const found = await client.query<{ exists: boolean }>(
        'SELECT to_regclass($1) IS NOT NULL AS exists',
        [quote(table)],
      )
      if (found.rows[0]?.exists !== true) continue
      const rows = await client.query(`SELECT 1 FROM ${quote(table)} LIMIT 1`)
      if (rows.rowCount !== null && rows.rowCount > 0) return table
    }
    return null
  } finally {
    await client.end()
  }
}

// COPY's text format: backslash escapes for the characters that delimit it, \N for null.
const copyText = (value: Value): string =>
  value === null
    ? '\\N'
    : value.replace(
        /[\\\t\n\r]/g,
        (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c,
      )

/**
 * A PostgreSQL ledger to copy into, migrated to this version's schema, written in one
 * transaction by COPY. The rows are already the ledger's, guarded when first written: the
 * session's `session_replication_role = replica` keeps the guards (a finalized invoice's lines
 * cannot be added) and foreign-key triggers from firing on them, for this transaction only.
 */
export const openPostgresTarget = async (url: string, now: () => Date): Promise<TargetEnd> => {
  const client = await connect(url)
  try {
    await migratePostgres(client, migrations, now)
  } catch (error) {
    await client.end()
    throw error
  }
  const side = readSide(client, url)
  return {
    ...side,
    async begin() {
      await client.query('BEGIN')
      try {
        await client.query('SET LOCAL session_replication_role = replica')
      } catch (error) {
        await client.query('ROLLBACK')
        throw new AppError(
          'ledger_unavailable',
          `${side.label}: copying needs a role allowed to set session_replication_role (a superuser, or GRANT SET ON PARAMETER session_replication_role): ${error instanceof Error ? error.message : String(error)}`,
        )
      }
      for (const table of SEEDED_TABLES) await client.query(`DELETE FROM ${quote(table)}`)
    },
    async write(shape: TableShape, rows: Value[][]) {
      const text = rows.map((row) => `${row.map(copyText).join('\t')}\n`).join('')
      const copy = client.query(
        copyFrom(
          `COPY ${quote(shape.name)} (${shape.columns.map((c) => quote(c.name)).join(', ')}) FROM STDIN`,
        ),
      )
      await pipeline(Readable.from([text]), copy)
    },
    // Ids given by the copy are past the sequences' start: the next new row takes the next one.
    async finishCopy() {
      const identities = await client.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND is_identity = 'YES'`,
      )
      for (const { table_name: table, column_name: column } of identities.rows) {
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), m)
           FROM (SELECT max(${quote(column)}) AS m FROM ${quote(table)}) x WHERE m IS NOT NULL`,
          [quote(table), column],
        )
      }
    },
    async end(keep) {
      await client.query(keep ? 'COMMIT' : 'ROLLBACK')
    },
  }
}
