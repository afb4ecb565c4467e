import type { AppInfo } from '../../../src-shared/domain/system'
import { checkIntegrity } from '../../db/ledger'
import { invoke } from '../../ipc/dispatcher'
import type { Command } from '../command'
import { withApp } from '../with-app'

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
  usage: 'meterbook doctor [--db PATH] [--json]',
  summary: 'Check the installation and the ledger: versions, ledger path, migrations, Stripe',
  run: ({ ledgerPath, out }) =>
    withApp(ledgerPath, async (app) => {
      const info = await invoke(app.dispatch, 'system:info', {})
      const integrity = checkIntegrity(app.ledger)
      out.result(
        { ...info, nodeVersion: process.versions.node, integrity },
        describe(info, integrity),
      )
      return integrity === 'ok' ? 0 : 1
    }),
}
