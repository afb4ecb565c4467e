import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Notification, safeStorage, shell } from 'electron'
import { osUser } from '../platform/node-platform'
import { secretEnvVars, type Platform, type SecretName } from '../platform/platform'

/**
 * The desktop platform: secrets encrypted by the operating system (safeStorage) in the user-data
 * folder, with the environment variable as the fallback; native notifications; the system browser.
 */
export const electronPlatform = (userData: string): Platform => {
  const secretsDir = join(userData, 'secrets')
  mkdirSync(secretsDir, { recursive: true })

  const readSecret = (name: SecretName): string | undefined => {
    const file = join(secretsDir, `${name}.bin`)
    if (existsSync(file) && safeStorage.isEncryptionAvailable()) {
      return safeStorage.decryptString(readFileSync(file))
    }
    return process.env[secretEnvVars[name]] || undefined
  }

  return {
    host: 'electron',
    operator: osUser(),
    readSecret,
    notify: (title, body) => new Notification({ title, body }).show(),
    openExternal: (url) => shell.openExternal(url),
  }
}
