import { fileURLToPath } from 'node:url'
import { startApp } from '../../app'
import { nodePlatform } from '../../platform/node-platform'
import { UsageError, type Command } from '../command'
import { cliLedgerKey } from '../ledger-key'

const parsePort = (value: string | boolean | undefined): number => {
  if (value === undefined) return 0
  const port = Number(value)
  if (typeof value !== 'string' || !/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(
      `--port must be a number from 0 to 65535 (0 picks a free port), not "${String(value)}"`,
    )
  }
  return port
}

/**
 * However long closing takes (a billing run finishing its batch, a stuck connection), the process
 * is gone this long after the signal: a service manager's SIGTERM must not wait for minutes.
 */
const STOP_WITHIN_MS = 5_000

/** Resolves when SIGINT or SIGTERM asks the process to stop. */
const stopSignal = (): Promise<void> =>
  new Promise((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })

export const serve: Command = {
  usage: 'meterbook serve [--port N] [--open] [--db PATH]',
  summary: 'Serve the app to a browser on 127.0.0.1 (the loopback browser host)',
  options: { port: { type: 'string' }, open: { type: 'boolean' } },
  run: async ({ options, ledgerPath, out }) => {
    const port = parsePort(options['port'])
    const platform = nodePlatform('web')
    const app = await startApp({
      ledgerPath,
      ledgerKey: await cliLedgerKey(ledgerPath),
      platform,
      runSchedule: true,
    })
    // Loaded here: importing node:http costs every other command's start-up about 30 ms.
    const { startWebHost } = await import('../../web/server')
    const host = await startWebHost({
      dispatch: app.dispatch,
      events: app.events,
      watchLedger: app.watchLedger,
      rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
      port,
    })
    // The first line is the contract with scripts and tests: they read the address from it.
    out.line(`Listening on ${host.url}`)
    if (options['open']) {
      platform
        .openExternal(host.url)
        .catch(() => out.line('Could not open a browser: open the address above.'))
    }
    await stopSignal()
    setTimeout(() => process.exit(1), STOP_WITHIN_MS).unref()
    await host.close()
    await app.close()
    return 0
  },
}
