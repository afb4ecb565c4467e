import type { Migration } from '../migrate'
import { initial } from './0001-initial'
import { catalog } from './0002-catalog'
import { customersUsage } from './0003-customers-usage'
import { billing } from './0005-billing'
import { payments } from './0006-payments'
import { usageCoveringIndex } from './0007-usage-covering-index'
import { transitionCause } from './0008-transition-cause'
import { usageCompactEvents } from './0009-usage-compact-events'
import { runItemPeriods } from './0010-run-item-periods'
import { documentSnapshots } from './0012-document-snapshots'
import { moneyMovements } from './0013-money-movements'
import { importOwner } from './0018-import-owner'
import { moneyBounds } from './0019-money-bounds'
import { stripeKeyPause } from './0020-stripe-key-pause'
import { operators } from './0021-operators'
import { listSorting } from './0023-list-sorting'
import { usageExplorer } from './0024-usage-explorer'
import { disputes } from './0025-disputes'
import { usageAlerts } from './0026-usage-alerts'
import { mail } from './0027-mail'
import { coupons } from './0028-coupons'

/**
 * Every migration, in order. An explicit list rather than a glob, because globs do not survive
 * bundling. Forward-only: never edit a migration that has shipped, add the next one.
 */
export const migrations: readonly Migration[] = [
  initial,
  catalog,
  customersUsage,
  billing,
  payments,
  usageCoveringIndex,
  transitionCause,
  usageCompactEvents,
  runItemPeriods,
  documentSnapshots,
  moneyMovements,
  importOwner,
  moneyBounds,
  stripeKeyPause,
  operators,
  listSorting,
  usageExplorer,
  disputes,
  usageAlerts,
  mail,
  coupons,
]
