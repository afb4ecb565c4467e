import type { HealthCheck } from '../../../src-shared/domain/system'
import { checkIntegrity } from '../../db/ledger'
import { invoke } from '../../ipc/dispatcher'
import type { Command } from '../command'
import { withApp } from '../with-app'

const marks: Record<HealthCheck['status'], string> = {
  ok: 'ok     ',
  off: 'off    ',
  warning: 'WARNING',
  problem: 'PROBLEM',
}

const line = (c: HealthCheck): string[] => [
  `${marks[c.status]} ${`${c.area} ${c.name === c.area ? '' : c.name}`.trim().padEnd(22)} ${c.detail}`,
  ...(c.action && c.status !== 'ok' ? [`${' '.repeat(31)}→ ${c.action}`] : []),
]

export const doctor: Command = {
  usage: 'meterbook doctor [--db PATH] [--json]',
  summary:
    'Check the installation: the ledger (integrity, migrations, permissions, disk), Stripe, the schedule',
  run: ({ ledgerPath, out }) =>
    withApp(ledgerPath, async (app) => {
      const info = await invoke(app.dispatch, 'system:info', {})
      const health = await invoke(app.dispatch, 'system:health', {})
      const integrity = checkIntegrity(app.ledger)
      out.result(
        { ...info, nodeVersion: process.versions.node, integrity, ...health },
        [
          `${info.productName} ${info.version} (Node ${process.versions.node}, SQLite ${info.ledger.sqliteVersion})`,
          `Ledger: ${info.ledger.path}${info.ledger.encrypted ? ' (encrypted at rest)' : ''}`,
          `Operator: ${info.operator}`,
          '',
          ...health.checks.flatMap(line),
          '',
          health.attention ? 'Something needs attention: see the lines marked above.' : 'All good.',
        ].join('\n'),
      )
      return health.attention ? 1 : 0
    }),
}
