import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { openWithCipherBuild } from '../../src-main/db/sqlite-open'
import {
  desktopLedgerKey,
  SEALED_KEY_FILE,
  type KeyStore,
} from '../../src-main/electron/ledger-key'

const folder = mkdtempSync(join(tmpdir(), 'mb-desktop-key-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** A keychain that seals by reversing the text, and says which backend it is. */
const keychain = (backend: string, available = true): KeyStore => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
  encryptString: (text) => Buffer.from(`sealed:${[...text].reverse().join('')}`),
  decryptString: (sealed) => [...sealed.toString().slice('sealed:'.length)].reverse().join(''),
})

const encryptedLedger = (name: string): { dir: string; path: string } => {
  const dir = mkdtempSync(join(folder, `${name}-`))
  const path = join(dir, 'ledger.sqlite')
  const db = openWithCipherBuild(path, {})
  db.rekey(Buffer.from('the passphrase'))
  db.exec('CREATE TABLE t (x INTEGER)')
  db.close()
  return { dir, path }
}

describe('the desktop ledger passphrase', () => {
  it('is sealed into the keychain when given once, and read from it at the next start', () => {
    const { dir, path } = encryptedLedger('sealed')
    const env = { METERBOOK_LEDGER_KEY: 'the passphrase' }
    expect(desktopLedgerKey(path, dir, keychain('gnome_libsecret'), env, 'linux')).toBe(
      'the passphrase',
    )
    expect(readFileSync(join(dir, SEALED_KEY_FILE), 'utf8')).toBe('sealed:esarhpssap eht')
    expect(desktopLedgerKey(path, dir, keychain('gnome_libsecret'), {}, 'linux')).toBe(
      'the passphrase',
    )
  })

  it("refuses Linux's basic_text store rather than pretend it keeps a secret", () => {
    const { dir, path } = encryptedLedger('basic')
    expect(() => desktopLedgerKey(path, dir, keychain('basic_text'), {}, 'linux')).toThrow(
      'this system has no keychain to keep its passphrase',
    )
    // Given in the environment it opens, but nothing is sealed with a hard-coded password.
    const env = { METERBOOK_LEDGER_KEY: 'the passphrase' }
    expect(desktopLedgerKey(path, dir, keychain('basic_text'), env, 'linux')).toBe('the passphrase')
    expect(existsSync(join(dir, SEALED_KEY_FILE))).toBe(false)
    // The same backend name means nothing elsewhere: macOS and Windows have their keychains.
    expect(desktopLedgerKey(path, dir, keychain('basic_text'), env, 'darwin')).toBe(
      'the passphrase',
    )
    expect(existsSync(join(dir, SEALED_KEY_FILE))).toBe(true)
  })

  it('says what to do when the keychain holds nothing yet, and needs nothing for a plain ledger', () => {
    const { dir, path } = encryptedLedger('empty')
    expect(() => desktopLedgerKey(path, dir, keychain('kwallet5'), {}, 'linux')).toThrow(
      'its passphrase is not in the keychain yet: start Meterbook once with METERBOOK_LEDGER_KEY',
    )
    const plain = join(dir, 'plain.sqlite')
    new Database(plain).exec('CREATE TABLE t (x INTEGER)')
    expect(desktopLedgerKey(plain, dir, keychain('kwallet5', false), {}, 'linux')).toBeNull()
  })
})
