import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import Plain from 'better-sqlite3'
import { AppError } from '../errors'

/**
 * Opening a ledger file, plain or encrypted at rest. An encrypted ledger is opened by the cipher
 * build of the same driver (better-sqlite3-multiple-ciphers: better-sqlite3 with SQLite3 Multiple
 * Ciphers compiled in, ChaCha20-Poly1305 with a key derived from the passphrase); a plain one by
 * better-sqlite3 itself, so a ledger without a key runs exactly as it always did.
 */

// The cipher build has better-sqlite3's API, plus key() and rekey(). Its typings are an older copy
// of better-sqlite3's that its package's exports do not even expose: it is typed here as the
// driver it is built from, and loaded by require (a native module, external to every bundle),
// the first time an encrypted ledger is opened.
let ciphered: typeof Plain | undefined
const cipheredDriver = (): typeof Plain =>
  (ciphered ??= createRequire(import.meta.url)('better-sqlite3-multiple-ciphers') as typeof Plain)

/** The cipher build's own connection methods. */
export type KeyedDatabase = Plain.Database & {
  key(key: Buffer): number
  rekey(key: Buffer): number
}

/** Where the CLI and the browser host take an encrypted ledger's passphrase from. */
export const LEDGER_KEY_ENV = 'METERBOOK_LEDGER_KEY'

/** The first bytes of every plain SQLite file; an encrypted one starts with random salt. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/**
 * Whether the file exists and looks encrypted: whole pages (a database file, plain or not, is a
 * number of pages of 512 bytes or a multiple) that do not start as a plain SQLite file does.
 * False for a new ledger, and for a file of another kind, which opening then calls unreadable.
 */
export const isEncryptedFile = (path: string): boolean => {
  if (path === ':memory:' || !existsSync(path)) return false
  const size = statSync(path).size
  if (size === 0 || size % 512 !== 0) return false
  const head = Buffer.alloc(SQLITE_HEADER.length)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, head, 0, head.length, 0)
  } finally {
    closeSync(fd)
  }
  return !head.equals(SQLITE_HEADER)
}

/** The key each open connection was opened with: a worker thread opens the file the same way. */
const keys = new WeakMap<Plain.Database, string>()

export const lockedMessage = (path: string): string =>
  `The ledger at ${path} is encrypted: give its passphrase in ${LEDGER_KEY_ENV} (or at the prompt, at a terminal). The desktop app keeps it in the operating system's keychain.`

/**
 * Opens a connection to a ledger file with its key (null: a plain ledger). A key that does not
 * open the file, a plain file given a key and an encrypted one given none are refused before
 * anything is read or written.
 */
export const openSqlite = (
  path: string,
  options: Plain.Options,
  key: string | null,
): Plain.Database => {
  const encrypted = isEncryptedFile(path)
  if (encrypted && key === null) throw new AppError('ledger_unavailable', lockedMessage(path))
  if (key === null) return new Plain(path, options)
  if (!encrypted && existsSync(path) && statSync(path).size > 0)
    throw new AppError(
      'ledger_unavailable',
      `The ledger at ${path} is not encrypted, but a passphrase was given (${LEDGER_KEY_ENV}): encrypt it first with \`meterbook ledger encrypt\`, or open it without one.`,
    )
  const db = openWithCipherBuild(path, options)
  try {
    db.key(Buffer.from(key, 'utf8'))
    // The key is only tried on the first read.
    db.prepare('SELECT count(*) FROM sqlite_master').get()
  } catch (error) {
    db.close()
    throw new AppError(
      'ledger_unavailable',
      `The passphrase does not open the ledger at ${path} (${error instanceof Error ? error.message : String(error)}); nothing was read or changed.`,
    )
  }
  keys.set(db, key)
  return db
}

/**
 * A connection by the cipher build with no key set: to a plain file, for `rekey` to encrypt it
 * (ledger-copy/encryption.ts).
 */
export const openWithCipherBuild = (path: string, options: Plain.Options): KeyedDatabase => {
  const Ciphered = cipheredDriver()
  return new Ciphered(path, options) as KeyedDatabase
}

/** The key a connection was opened with (null: a plain ledger), for another connection to it. */
export const keyOf = (db: Plain.Database): string | null => keys.get(db) ?? null
