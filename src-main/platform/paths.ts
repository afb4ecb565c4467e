import { homedir } from 'node:os'
import { join } from 'node:path'

export const PRODUCT_NAME = 'Meterbook'
export const LEDGER_FILE = 'meterbook.sqlite'

/**
 * The folder Electron's `app.getPath('userData')` resolves to for this product, computed without
 * Electron so the CLI finds the desktop app's ledger.
 */
export const userDataDir = (
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string => {
  switch (platform) {
    case 'win32':
      return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME)
    case 'darwin':
      return join(home, 'Library', 'Application Support', PRODUCT_NAME)
    default:
      return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), PRODUCT_NAME)
  }
}

export const defaultLedgerPath = (): string => join(userDataDir(), LEDGER_FILE)
