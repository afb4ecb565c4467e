import type { AppInfo } from '../../../src-shared/domain/system'
import { startApp } from '../../app'
import { checkIntegrity } from '../../db/ledger'
import { invoke } from '../../ipc/dispatcher'
import { nodePlatform } from '../../platform/node-platform'
import type { Command } from '../command'

const describe = (info: AppInfo, integrity: string): string =>
  [
    `${info.productName} ${info.version} (Node ${process.versions.node}, SQLite ${info.ledger.sqliteVersion})`,
    `Ledger:     ${info.ledger.path}`,
    `Integrity:  ${integrity}`,
    `Migrations: ${info.ledger.migrations.map((m) => m.name).join(', ') || 'none'}`,
    `Operator:   ${info.operator}`,
    `Stripe:     ${info.stripeConfigured ? 'configured' : 'not configured (set METERBOOK_STRIPE_KEY, or enter a key in Settings)'}`,
  ].join('\n')

export const doctor: Command = {
  words: ['doctor'],
  usage: 'meterbook doctor [--db PATH] [--json]',
  summary: 'Check the installation and the ledger: versions, ledger path, migrations, Stripe',
  run: async ({ ledgerPath, out }) => {
    const app = await startApp({ ledgerPath, platform: nodePlatform('cli') })
    try {
      const info = await invoke(app.dispatch, 'system:info', {})
      const integrity = checkIntegrity(app.ledger)
      out.result(
        { ...info, nodeVersion: process.versions.node, integrity },
        describe(info, integrity),
      )
      return integrity === 'ok' ? 0 : 1
    } finally {
      await app.close()
    }
  },
}
