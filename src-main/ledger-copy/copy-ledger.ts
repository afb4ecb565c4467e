import { resolve } from 'node:path'
import { AppError } from '../errors'
import { unknownMigrations } from '../db/migrate'
import { migrations } from '../db/migrations'
import { isPostgresUrl, isUrl, redactUrl } from '../db/postgres/client'
import { LEDGER_TABLES, checksumRows, type LedgerEnd, type TargetEnd } from './ledger-end'
import { openPostgresSource, openPostgresTarget, postgresOccupiedTable } from './postgres-end'
import { openSqliteSource, openSqliteTarget, sqliteOccupiedTable } from './sqlite-end'

export type TableCheck = {
  table: string
  sourceRows: number
  targetRows: number
  sourceSha256: string
  targetSha256: string
  matches: boolean
}

export type CopyProgress = { table: string; copied: number; total: number }

export type CopyOptions = {
  from: string
  to: string
  now?: () => Date
  batchSize?: number
  onProgress?: (progress: CopyProgress) => void
  /** The passphrase of an encrypted ledger file at either end (db/sqlite-open.ts). */
  key?: string | null
}

export type CopyReport = { from: string; to: string; rows: number; tables: TableCheck[] }

const BATCH = 5_000

const labelOf = (location: string): string =>
  isUrl(location) ? redactUrl(location) : resolve(location)

const refuseOtherUrls = (location: string): void => {
  if (isUrl(location) && !isPostgresUrl(location)) {
    throw new AppError(
      'validation_failed',
      `${redactUrl(location)} is neither a ledger file nor a postgres:// address.`,
    )
  }
}

/**
 * The SQLite target writes an invoice's lines before the invoice (sqlite-end.ts); PostgreSQL
 * takes the tables in foreign-key order.
 */
const copyOrder = (target: TargetEnd): string[] => {
  const tables: string[] = [...LEDGER_TABLES]
  if (target.kind === 'postgres') return tables
  const lines = tables.splice(tables.indexOf('invoice_line'), 1)
  tables.splice(tables.indexOf('invoice'), 0, ...lines)
  return tables
}

/** A source at exactly this version's schema: nothing pending, nothing unknown. */
const checkSourceSchema = async (source: LedgerEnd): Promise<void> => {
  const applied = await source.applied()
  const unknown = unknownMigrations(applied, migrations)
  const pending = migrations.filter((m) => !applied.some((a) => a.id === m.id))
  if (unknown.length > 0 || pending.length > 0) {
    throw new AppError(
      'conflict',
      unknown.length > 0
        ? `${source.label} was written by a newer Meterbook (migration ${unknown.map((m) => m.name).join(', ')}): copy it with that version.`
        : `${source.label} is not at this version's schema (pending: ${pending.map((m) => m.name).join(', ')}): open it once with this version (e.g. meterbook --db FILE doctor), then copy.`,
    )
  }
}

/** Row counts and checksums of every ledger table on both sides, computed the same way. */
export const verifyLedgers = async (
  source: LedgerEnd,
  target: LedgerEnd,
): Promise<TableCheck[]> => {
  const checks: TableCheck[] = []
  for (const table of LEDGER_TABLES) {
    const [fromShape, toShape] = [await source.shape(table), await target.shape(table)]
    const sourceSha256 = await checksumRows(source.rows(fromShape, 'key', BATCH))
    const targetSha256 = await checksumRows(target.rows(toShape, 'key', BATCH))
    const sourceRows = await source.count(table)
    const targetRows = await target.count(table)
    checks.push({
      table,
      sourceRows,
      targetRows,
      sourceSha256,
      targetSha256,
      matches: sourceRows === targetRows && sourceSha256 === targetSha256,
    })
  }
  return checks
}

const openSource = async (location: string, key: string | null): Promise<LedgerEnd> =>
  isPostgresUrl(location) ? openPostgresSource(location) : openSqliteSource(location, key)

const occupiedTable = async (location: string, key: string | null): Promise<string | null> =>
  isPostgresUrl(location) ? postgresOccupiedTable(location) : sqliteOccupiedTable(location, key)

const openTarget = async (
  location: string,
  now: () => Date,
  key: string | null,
): Promise<TargetEnd> =>
  isPostgresUrl(location) ? openPostgresTarget(location, now) : openSqliteTarget(location, key)

/**
 * Copies a whole ledger into an empty one (file or server, either way) and verifies it: every
 * table in one transaction on the target, kept only when each table's row count and checksum
 * match the source's. A target holding rows is refused before anything is written to it.
 */
export const copyLedger = async (options: CopyOptions): Promise<CopyReport> => {
  const { from, to, batchSize = BATCH, onProgress } = options
  const now = options.now ?? (() => new Date())
  refuseOtherUrls(from)
  refuseOtherUrls(to)
  if (labelOf(from) === labelOf(to)) {
    throw new AppError('validation_failed', 'The source and the target are the same ledger.')
  }
  const key = options.key ?? null
  const source = await openSource(from, key)
  try {
    await checkSourceSchema(source)
    const occupied = await occupiedTable(to, key)
    if (occupied !== null) {
      throw new AppError(
        'conflict',
        `${labelOf(to)} is not empty (${occupied} holds rows): ledger copy only writes into an empty ledger. Nothing was changed.`,
      )
    }
    const target = await openTarget(to, now, key)
    try {
      await target.begin()
      let kept = false
      try {
        let rows = 0
        for (const table of copyOrder(target)) {
          const shape = await source.shape(table)
          const total = await source.count(table)
          let copied = 0
          onProgress?.({ table, copied, total })
          for await (const batch of source.rows(shape, 'stored', batchSize)) {
            await target.write(shape, batch)
            copied += batch.length
            onProgress?.({ table, copied, total })
          }
          rows += copied
        }
        await target.finishCopy()
        const tables = await verifyLedgers(source, target)
        const failed = tables.filter((t) => !t.matches)
        if (failed.length > 0) {
          throw new AppError(
            'conflict',
            `The copy does not match its source in ${failed.map((t) => t.table).join(', ')}: nothing was kept.`,
          )
        }
        await target.end(true)
        kept = true
        return { from: labelOf(from), to: labelOf(to), rows, tables }
      } finally {
        if (!kept) await target.end(false).catch(() => undefined)
      }
    } finally {
      await target.close()
    }
  } finally {
    await source.close()
  }
}
