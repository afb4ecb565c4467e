import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isEncryptedFile, LEDGER_KEY_ENV } from '../db/sqlite-open'
import { AppError } from '../errors'

/** What of Electron's safeStorage the desktop app uses (a fake in tests). */
export type KeyStore = {
  isEncryptionAvailable(): boolean
  /** Linux only: which secret store encrypts ('basic_text' is a hard-coded password). */
  getSelectedStorageBackend?: () => string
  encryptString(text: string): Buffer
  decryptString(sealed: Buffer): string
}

/** The ledger's passphrase, sealed by the OS keychain, beside the ledger. */
export const SEALED_KEY_FILE = 'ledger-key.sealed'

/**
 * Whether the keychain really protects what it seals. On Linux without a secret service,
 * safeStorage falls back to `basic_text`: a password written in Chromium's source. A passphrase
 * sealed with it would be as good as in clear, so it is refused rather than pretended.
 */
const keychainOf = (store: KeyStore, platform: NodeJS.Platform): KeyStore | null => {
  if (!store.isEncryptionAvailable()) return null
  if (platform === 'linux' && store.getSelectedStorageBackend?.() === 'basic_text') return null
  return store
}

const noKeychain = (path: string): AppError =>
  new AppError(
    'ledger_unavailable',
    `The ledger at ${path} is encrypted, and this system has no keychain to keep its passphrase (on Linux: no secret service such as GNOME Keyring or KWallet). Start Meterbook with ${LEDGER_KEY_ENV} set to the passphrase.`,
  )

/**
 * The desktop app's passphrase for its ledger: from the keychain (sealed beside the ledger), else
 * from METERBOOK_LEDGER_KEY, which is then sealed into the keychain so the next start needs
 * nothing. A plain ledger needs none.
 */
export const desktopLedgerKey = (
  ledgerPath: string,
  dataDir: string,
  store: KeyStore,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | null => {
  const given = env[LEDGER_KEY_ENV] ? env[LEDGER_KEY_ENV] : null
  if (!isEncryptedFile(ledgerPath)) return given
  const keychain = keychainOf(store, platform)
  const sealed = join(dataDir, SEALED_KEY_FILE)
  if (given !== null) {
    if (keychain) writeFileSync(sealed, keychain.encryptString(given), { mode: 0o600 })
    return given
  }
  if (!keychain) throw noKeychain(ledgerPath)
  if (!existsSync(sealed))
    throw new AppError(
      'ledger_unavailable',
      `The ledger at ${ledgerPath} is encrypted and its passphrase is not in the keychain yet: start Meterbook once with ${LEDGER_KEY_ENV} set to it.`,
    )
  return keychain.decryptString(readFileSync(sealed))
}
