import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Notification, safeStorage, shell } from 'electron'
import { AppError } from '../errors'
import { osUser } from '../platform/node-platform'
import { secretEnvVars, type Platform, type SecretName } from '../platform/platform'
import { secretStorageRefusal } from './guards'

/**
 * The desktop platform: secrets encrypted by the operating system (safeStorage) in the user-data
 * folder, with the environment variable as the fallback; native notifications; the system browser.
 */
export const electronPlatform = (userData: string): Platform => {
  const secretsDir = join(userData, 'secrets')
  mkdirSync(secretsDir, { recursive: true })

  const fileOf = (name: SecretName): string => join(secretsDir, `${name}.bin`)
  const stored = (name: SecretName): boolean =>
    existsSync(fileOf(name)) && safeStorage.isEncryptionAvailable()
  const fromEnv = (name: SecretName): string | undefined =>
    process.env[secretEnvVars[name]] || undefined

  const refusal = (): string | null =>
    secretStorageRefusal({
      available: safeStorage.isEncryptionAvailable(),
      linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
    })

  const readSecret = (name: SecretName): string | undefined =>
    stored(name) ? safeStorage.decryptString(readFileSync(fileOf(name))) : fromEnv(name)

  const writeSecret = (name: SecretName, value: string | null): void => {
    if (value === null) {
      rmSync(fileOf(name), { force: true })
      return
    }
    // Refuse rather than write a key the OS cannot protect (e.g. Linux without a keyring).
    const why = refusal()
    if (why) throw new AppError('secret_storage_unavailable', why)
    writeFileSync(fileOf(name), safeStorage.encryptString(value), { mode: 0o600 })
  }

  return {
    host: 'electron',
    operator: osUser(),
    readSecret,
    secretSource: (name) => (stored(name) ? 'stored' : fromEnv(name) ? 'environment' : null),
    writeSecret,
    canStoreSecrets: refusal() === null,
    notify: (title, body) => new Notification({ title, body }).show(),
    openExternal: (url) => shell.openExternal(url),
  }
}
