import { existsSync, statSync } from 'node:fs'
import type Database from 'better-sqlite3'
import { AppError } from '../errors'
import { BUSY_TIMEOUT_MS } from '../db/busy-timeout'
import { openConnection } from '../db/connection'
import { readApplied } from '../db/migrate'
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
import { openSqlite } from '../db/sqlite-open'

type Column = { name: string; type: string; pk: number }

const readSide = (db: Database.Database, label: string): LedgerEnd => {
  const shape = (table: string): Promise<TableShape> => {
    const columns = db.prepare(`PRAGMA table_info(${quote(table)})`).all() as Column[]
    return Promise.resolve({
      name: table,
      columns: columns
        .map((c) => ({ name: c.name, integer: /int/i.test(c.type) }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
      key: columns
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
    })
  }
  return {
    label,
    kind: 'sqlite',
    applied: () => Promise.resolve(readApplied(db)),
    shape,
    count: (table) =>
      Promise.resolve(
        Number(
          db
            .prepare(`SELECT count(*) FROM ${quote(table)}`)
            .pluck()
            .get() as number,
        ),
      ),
    // Integers read as bigint: a row stored before the money bounds may be past 2^53.
    *rows(shape, order, batchSize) {
      const by = order === 'key' ? shape.key.map(quote).join(', ') : 'rowid'
      const statement = db
        .prepare(
          `SELECT ${shape.columns.map((c) => quote(c.name)).join(', ')} FROM ${quote(shape.name)} ORDER BY ${by}`,
        )
        .raw(true)
        .safeIntegers(true)
      let batch: Value[][] = []
      for (const row of statement.iterate() as Iterable<unknown[]>) {
        batch.push(row.map(canonical))
        if (batch.length >= batchSize) {
          yield batch
          batch = []
        }
      }
      if (batch.length > 0) yield batch
    },
    close: () => {
      db.close()
      return Promise.resolve()
    },
  }
}

/**
 * A SQLite ledger to copy from, opened read-only (a source is never migrated or written), in one
 * read transaction so every table is read as of one moment.
 */
export const openSqliteSource = (path: string, key: string | null = null): LedgerEnd => {
  let db: Database.Database
  try {
    db = openSqlite(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS }, key)
    db.prepare('SELECT count(*) FROM sqlite_master').get()
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError(
      'not_found',
      `Cannot read the ledger at ${path}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  db.exec('BEGIN')
  return readSide(db, path)
}

/**
 * The first ledger table holding rows in an existing file (seeded rows aside), looked at
 * read-only before anything writes; null for a ledger that is empty or does not exist yet.
 */
export const sqliteOccupiedTable = (path: string, key: string | null = null): string | null => {
  if (!existsSync(path) || statSync(path).size === 0) return null
  const probe = openSqlite(
    path,
    { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS },
    key,
  )
  try {
    for (const table of LEDGER_TABLES) {
      if (SEEDED_TABLES.includes(table)) continue
      const exists = probe
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
        .get(table)
      if (exists && probe.prepare(`SELECT 1 FROM ${quote(table)} LIMIT 1`).get()) return table
    }
    return null
  } finally {
    probe.close()
  }
}

/**
 * A SQLite ledger to copy into: refused (untouched) if it holds rows, else created or migrated to
 * this version's schema. The rows go in in one IMMEDIATE transaction with foreign keys deferred:
 * an invoice's lines are written before the invoice itself (copyOrder), so the guard that keeps
 * a finalized invoice's lines fixed finds no invoice yet, and every key is checked at commit.
 */
export const openSqliteTarget = (path: string, key: string | null = null): TargetEnd => {
  const { db } = openConnection(path, undefined, key)
  const side = readSide(db, path)
  const statements = new Map<string, Database.Statement>()
  return {
    ...side,
    begin: () => {
      db.exec('BEGIN IMMEDIATE')
      db.pragma('defer_foreign_keys = ON')
      for (const table of SEEDED_TABLES) db.exec(`DELETE FROM ${quote(table)}`)
      return Promise.resolve()
    },
    write: (shape, rows) => {
      let insert = statements.get(shape.name)
      if (!insert) {
        insert = db.prepare(
          `INSERT INTO ${quote(shape.name)} (${shape.columns.map((c) => quote(c.name)).join(', ')})
           VALUES (${shape.columns.map(() => '?').join(', ')})`,
        )
        statements.set(shape.name, insert)
      }
      for (const row of rows) {
        insert.run(
          row.map((value, i) =>
            value !== null && shape.columns[i]?.integer === true ? BigInt(value) : value,
          ),
        )
      }
      return Promise.resolve()
    },
    finishCopy: () => Promise.resolve(),
    end: (keep) => {
      db.exec(keep ? 'COMMIT' : 'ROLLBACK')
      return Promise.resolve()
    },
  }
}
