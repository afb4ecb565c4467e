import type Database from 'better-sqlite3'
import type pg from 'pg'

/**
 * A ledger's schema reduced to what both databases must agree on, as sorted text lines (one per
 * table column, key, foreign key, named index, CHECK count and trigger), so a difference reads
 * as a line present on one side only. Types by family (integer, text); PRIMARY KEY columns are
 * NOT NULL on both (SQLite's rowid key is, without saying so).
 */
export type SchemaShape = string[]

const family = (type: string): string => {
  const t = type.toLowerCase()
  if (/int/.test(t)) return 'integer'
  if (/text|char/.test(t)) return 'text'
  return t
}

// Defaults as literals: PostgreSQL writes '[]'::text where SQLite writes '[]'.
const literal = (value: string | null): string =>
  value === null ? '-' : value.replace(/::[a-z ]+$/i, '')

// A partial index's condition without the parentheses and casts PostgreSQL adds.
const condition = (text: string | null): string =>
  text === null
    ? ''
    : ` WHERE ${text
        .replace(/::[a-z]+/gi, '')
        .replace(/[()]/g, '')
        .trim()}`

const EVENTS = ['INSERT', 'DELETE', 'UPDATE'] as const

type Column = { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }

export const sqliteShape = (db: Database.Database): SchemaShape => {
  const lines: string[] = []
  const objects = db
    .prepare(
      "SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
    )
    .all() as { type: string; name: string; tableName: string; sql: string | null }[]
  for (const { type, name, tableName, sql } of objects) {
    if (type === 'table') {
      const columns = db.prepare(`PRAGMA table_info(${name})`).all() as Column[]
      for (const c of columns) {
        const notNull = c.notnull === 1 || c.pk > 0
        lines.push(
          `${name}.${c.name} ${family(c.type)}${notNull ? ' not null' : ''} default ${literal(c.dflt_value)}`,
        )
      }
      const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
      if (key.length > 0) lines.push(`${name} primary key (${key.map((c) => c.name).join(', ')})`)
      const indexes = db.prepare(`PRAGMA index_list(${name})`).all() as {
        name: string
        origin: string
      }[]
      for (const index of indexes.filter((i) => i.origin === 'u')) {
        lines.push(`${name} unique (${indexColumns(db, index.name).join(', ')})`)
      }
      const keys = db.prepare(`PRAGMA foreign_key_list(${name})`).all() as {
        id: number
        table: string
        from: string
        to: string
        on_delete: string
      }[]
      for (const id of new Set(keys.map((k) => k.id))) {
        const parts = keys.filter((k) => k.id === id)
        lines.push(
          `${name} (${parts.map((k) => k.from).join(', ')}) references ${parts[0]?.table} (${parts
            .map((k) => k.to)
            .join(', ')}) on delete ${parts[0]?.on_delete.toLowerCase()}`,
        )
      }
      lines.push(`${name} checks ${(sql?.match(/\bCHECK\s*\(/gi) ?? []).length}`)
    } else if (type === 'index' && sql !== null) {
      const unique = /^CREATE UNIQUE/i.test(sql)
      const where = /\bWHERE\s+(.+)$/is.exec(sql)?.[1] ?? null
      lines.push(
        `index ${name} on ${tableName} (${indexColumns(db, name).join(', ')})${unique ? ' unique' : ''}${condition(where)}`,
      )
    } else if (type === 'trigger' && sql !== null) {
      const event = EVENTS.find((e) => new RegExp(`BEFORE\\s+${e}`, 'i').test(sql))
      lines.push(`trigger ${name} before ${event?.toLowerCase()} on ${tableName}`)
    }
  }
  return lines.sort()
}

const indexColumns = (db: Database.Database, index: string): string[] =>
  (db.prepare(`PRAGMA index_info(${index})`).all() as { name: string }[]).map((c) => c.name)

const rowsOf = async <T extends pg.QueryResultRow>(client: pg.Client, sql: string): Promise<T[]> =>
  (await client.query<T>(sql)).rows

export const postgresShape = async (client: pg.Client): Promise<SchemaShape> => {
  const lines: string[] = []
  const columns = await rowsOf<{
    table_name: string
    column_name: string
    data_type: string
    is_nullable: string
    column_default: string | null
  }>(
    client,
    `SELECT table_name, column_name, data_type, is_nullable, column_default
     FROM information_schema.columns WHERE table_schema = 'public'`,
  )
  for (const c of columns) {
    lines.push(
      `${c.table_name}.${c.column_name} ${family(c.data_type)}${c.is_nullable === 'NO' ? ' not null' : ''} default ${literal(c.column_default)}`,
    )
  }
  const constraints = await rowsOf<{
    table_name: string
    contype: string
    columns: string
    foreign_table: string | null
    foreign_columns: string | null
    on_delete: string
  }>(
    client,
    `SELECT t.relname AS table_name, c.contype,
       (SELECT string_agg(a.attname, ', ' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(att, n)
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.att) AS columns,
       f.relname AS foreign_table,
       (SELECT string_agg(a.attname, ', ' ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(att, n)
        JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.att) AS foreign_columns,
       CASE c.confdeltype WHEN 'c' THEN 'cascade' ELSE 'no action' END AS on_delete
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace s ON s.oid = t.relnamespace LEFT JOIN pg_class f ON f.oid = c.confrelid
     WHERE s.nspname = 'public'`,
  )
  const checks = new Map<string, number>()
  for (const c of constraints) {
    if (c.contype === 'p') lines.push(`${c.table_name} primary key (${c.columns})`)
    if (c.contype === 'u') lines.push(`${c.table_name} unique (${c.columns})`)
    if (c.contype === 'f') {
      lines.push(
        `${c.table_name} (${c.columns}) references ${c.foreign_table} (${c.foreign_columns}) on delete ${c.on_delete}`,
      )
    }
    if (c.contype === 'c') checks.set(c.table_name, (checks.get(c.table_name) ?? 0) + 1)
  }
  const tables = new Set(columns.map((c) => c.table_name))
  for (const table of tables) lines.push(`${table} checks ${checks.get(table) ?? 0}`)
  const indexes = await rowsOf<{
    name: string
    table_name: string
    columns: string
    unique: boolean
    predicate: string | null
  }>(
    client,
    `SELECT i.relname AS name, t.relname AS table_name, x.indisunique AS unique,
       pg_get_expr(x.indpred, x.indrelid) AS predicate,
       (SELECT string_agg(a.attname, ', ' ORDER BY k.n) FROM unnest(x.indkey) WITH ORDINALITY k(att, n)
        JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.att) AS columns
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace s ON s.oid = t.relnamespace
     WHERE s.nspname = 'public'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c
         WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))`,
  )
  for (const i of indexes) {
    lines.push(
      `index ${i.name} on ${i.table_name} (${i.columns})${i.unique ? ' unique' : ''}${condition(i.predicate)}`,
    )
  }
  const triggers = await rowsOf<{ name: string; table_name: string; type: number }>(
    client,
    `SELECT g.tgname AS name, t.relname AS table_name, g.tgtype AS type
     FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid WHERE NOT g.tgisinternal`,
  )
  for (const g of triggers) {
    // tgtype bits: 4 INSERT, 8 DELETE, 16 UPDATE.
    const event = g.type & 4 ? 'insert' : g.type & 8 ? 'delete' : 'update'
    lines.push(`trigger ${g.name} before ${event} on ${g.table_name}`)
  }
  return lines.sort()
}
