import { startApp, type App } from '../app'
import { nodePlatform } from '../platform/node-platform'

/** Opens the ledger for one CLI command and closes it however the command ends. */
export const withApp = async <T>(ledgerPath: string, run: (app: App) => Promise<T>): Promise<T> => {
  const app = await startApp({ ledgerPath, platform: nodePlatform('cli') })
  try {
    return await run(app)
  } finally {
    await app.close()
  }
}
