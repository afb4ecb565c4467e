import { productName, version } from '../../package.json'
import type { AppInfo } from '../../src-shared/domain/system'
import type { Ledger } from '../db/ledger'
import { keyOf } from '../db/sqlite-open'
import type { HandlersFor } from '../ipc/handlers-types'
import type { Payments } from '../payments/service'
import type { Platform } from '../platform/platform'
import { checkHealth } from './health'

export const systemInfo = (ledger: Ledger, platform: Platform): AppInfo => ({
  productName,
  version,
  host: platform.host,
  operator: platform.operator,
  ledger: {
    path: ledger.path,
    sqliteVersion: String(ledger.db.prepare('SELECT sqlite_version()').pluck().get()),
    encrypted: keyOf(ledger.db) !== null,
    migrations: ledger.migrations.map(({ name, appliedAt }) => ({ name, appliedAt })),
  },
  stripeConfigured: platform.readSecret('stripe-key') !== undefined,
})

export const systemHandlers = (
  ledger: Ledger,
  platform: Platform,
  payments: Payments,
): HandlersFor<'system'> => ({
  'system:info': () => Promise.resolve(systemInfo(ledger, platform)),
  'system:health': (_input, ctx) => checkHealth(ledger, platform, payments, ctx.now()),
})
