import { existsSync } from 'node:fs'
import { appendAudit } from '../audit/audit-service'
import { openConnection } from '../db/connection'
import {
  isEncryptedFile,
  openSqlite,
  openWithCipherBuild,
  type KeyedDatabase,
} from '../db/sqlite-open'
import { AppError } from '../errors'

/**
 * Encrypting a ledger file at rest, decrypting it, changing its passphrase. SQLite3 Multiple
 * Ciphers rewrites every page under the new key in one transaction of the rollback journal, so a
 * crash midway leaves the ledger as it was; the journal mode goes from WAL to that and back, which
 * needs the file to itself: the desktop app and other commands on it must be closed first.
 */

export type Encryption = 'encrypt' | 'decrypt' | 'rekey'

export type EncryptionChange = {
  path: string
  action: Encryption
  encrypted: boolean
}

/** The shortest passphrase accepted for a ledger. */
export const MIN_PASSPHRASE = 8

const checkPassphrase = (key: string): void => {
  if (key.length < MIN_PASSPHRASE)
    throw new AppError(
      'validation_failed',
      `A ledger passphrase has at least ${MIN_PASSPHRASE} characters.`,
    )
}

// Waits this long for other connections; past it, the ledger is in use.
const IN_USE_WAIT_MS = 2000

const inUse = (path: string): AppError =>
  new AppError(
    'conflict',
    `The ledger at ${path} is in use: close the desktop app, the browser host and other commands on it, then try again. Nothing was changed.`,
  )

/**
 * Rewrites every page under `next` (empty: in clear) on a connection opened with `current`.
 * WAL pages are copied into the file first, and the file is back in WAL mode afterwards.
 */
const rewrite = (path: string, current: string | null, next: string): void => {
  const options = { fileMustExist: true, timeout: IN_USE_WAIT_MS }
  const open = (): KeyedDatabase =>
    (current === null
      ? openWithCipherBuild(path, options)
      : openSqlite(path, options, current)) as KeyedDatabase
  // The last connection to close removes the WAL file: if it outlives this one, another
  // connection (the app, a command) has the ledger open, and would write pages under the old key.
  const probe = open()
  probe.prepare('SELECT count(*) FROM sqlite_master').get()
  probe.close()
  if (existsSync(`${path}-wal`)) throw inUse(path)
  const db = open()
  try {
    db.pragma('wal_checkpoint(TRUNCATE)')
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') throw inUse(path)
    db.rekey(Buffer.from(next, 'utf8'))
    db.pragma('journal_mode = WAL')
  } catch (error) {
    if (error instanceof AppError) throw error
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_BUSY'))
      throw inUse(path)
    throw error
  } finally {
    db.close()
  }
}

/** Encrypts, decrypts or rekeys a ledger file, audited on the ledger as `ledger:<action>`. */
export const changeEncryption = (
  path: string,
  change:
    | { action: 'encrypt'; key: string }
    | { action: 'decrypt'; key: string }
    | { action: 'rekey'; key: string; newKey: string },
  audit: { operator: string; now: Date },
): EncryptionChange => {
  if (!existsSync(path))
    throw new AppError('not_found', `There is no ledger at ${path}. Nothing was changed.`)
  const encrypted = isEncryptedFile(path)
  if (change.action === 'encrypt' && encrypted)
    throw new AppError('conflict', `The ledger at ${path} is already encrypted.`)
  if (change.action !== 'encrypt' && !encrypted)
    throw new AppError('conflict', `The ledger at ${path} is not encrypted.`)
  const next =
    change.action === 'decrypt' ? '' : change.action === 'rekey' ? change.newKey : change.key
  if (change.action !== 'decrypt') checkPassphrase(next)
  rewrite(path, change.action === 'encrypt' ? null : change.key, next)
  const after = next === '' ? null : next
  const { db } = openConnection(path, () => audit.now, after)
  try {
    appendAudit(db, {
      at: audit.now.toISOString(),
      operator: audit.operator,
      action: `ledger:${change.action}`,
      entityType: 'ledger',
      entityId: 'ledger',
      before: { encrypted },
      after: { encrypted: after !== null },
    })
  } finally {
    db.close()
  }
  return { path, action: change.action, encrypted: after !== null }
}
