import { statfsSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import type { HealthCheck, HealthReport } from '../../src-shared/domain/system'
import { periodsWaiting } from '../billing/periods-waiting'
import { latestSlot, scheduleStatus } from '../scheduler/scheduler'
import { checkIntegrity, type Ledger } from '../db/ledger'
import { migrations } from '../db/migrations'
import type { Payments } from '../payments/service'
import { ProviderError } from '../payments/provider'
import type { Platform } from '../platform/platform'
import { readSettingsNow } from '../settings/settings-service'

/** Below this much free space next to the ledger, a month's import or run may not fit. */
export const LOW_DISK_BYTES = 512 * 1024 * 1024
/** A check must answer quickly: an endpoint that does not answer in this time is unreachable. */
export const STRIPE_CHECK_TIMEOUT_MS = 5_000

const check = (
  area: HealthCheck['area'],
  name: string,
  status: HealthCheck['status'],
  detail: string,
  action: string | null = null,
): HealthCheck => ({ area, name, status, detail, action })

const megabytes = (bytes: number): string =>
  `${Math.floor(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`

const onDisk = (ledger: Ledger): boolean => ledger.path !== ':memory:' && ledger.path !== ''

const ledgerChecks = (ledger: Ledger): HealthCheck[] => {
  const integrity = checkIntegrity(ledger)
  const applied = new Set(ledger.migrations.map((m) => m.name))
  const pending = migrations.filter((m) => !applied.has(m.name))
  const checks = [
    integrity === 'ok'
      ? check('ledger', 'integrity', 'ok', 'SQLite quick_check: ok')
      : check(
          'ledger',
          'integrity',
          'problem',
          `SQLite quick_check found: ${integrity}`,
          'Restore the ledger from a backup, or copy it aside and ask support; do not write to it.',
        ),
    pending.length === 0
      ? check('ledger', 'migrations', 'ok', `${applied.size} applied, none pending`)
      : check(
          'ledger',
          'migrations',
          'problem',
          `${pending.length} not applied: ${pending.map((m) => m.name).join(', ')}`,
          'Open the ledger with this version of Meterbook once, so it can migrate.',
        ),
  ]
  if (!onDisk(ledger)) return checks
  // Group or others may read the customers' names and amounts (POSIX modes only).
  const mode = statSync(ledger.path).mode & 0o777
  checks.push(
    process.platform === 'win32' || (mode & 0o077) === 0
      ? check('ledger', 'permissions', 'ok', `readable by its owner only (${mode.toString(8)})`)
      : check(
          'ledger',
          'permissions',
          'warning',
          `mode ${mode.toString(8)}: other users of this machine can read the ledger`,
          `chmod 600 "${ledger.path}"`,
        ),
  )
  const { bavail, bsize } = statfsSync(dirname(ledger.path))
  const free = bavail * bsize
  checks.push(
    free >= LOW_DISK_BYTES
      ? check('ledger', 'free disk', 'ok', `${megabytes(free)} free`)
      : check(
          'ledger',
          'free disk',
          'warning',
          `only ${megabytes(free)} free next to the ledger`,
          'Free some disk space before the next import or billing run.',
        ),
  )
  return checks
}

const stripeCheck = async (payments: Payments, platform: Platform): Promise<HealthCheck> => {
  const endpoint = payments.apiBase ?? 'https://api.stripe.com'
  const provider = await payments.provider(undefined, { timeoutMs: STRIPE_CHECK_TIMEOUT_MS })
  if (!provider) {
    return check(
      'stripe',
      'stripe',
      'off',
      'no key configured: invoices are not collected through Stripe',
      platform.host === 'cli'
        ? 'Set METERBOOK_STRIPE_KEY to check and use a key.'
        : 'Enter a key in Settings → Payments.',
    )
  }
  try {
    const { livemode, accountName } = await provider.ping()
    const account = accountName ? `, account "${accountName}"` : ''
    return check(
      'stripe',
      'stripe',
      'ok',
      `${endpoint} reachable, key accepted (${livemode ? 'live' : 'test'} mode)${account}`,
    )
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error
    const { type, message } = error.failure
    if (type === 'connection_error') {
      return check(
        'stripe',
        'stripe',
        'problem',
        `${endpoint} did not answer within ${STRIPE_CHECK_TIMEOUT_MS / 1000} s: ${message}`,
        'Check the network (or METERBOOK_STRIPE_API_BASE); queued payments wait in the outbox meanwhile.',
      )
    }
    if (type === 'authentication_error' || type === 'permission_error') {
      return check(
        'stripe',
        'stripe',
        'problem',
        `${endpoint} refused the key: ${message}`,
        'Enter a valid secret or restricted key (Settings, or METERBOOK_STRIPE_KEY).',
      )
    }
    return check(
      'stripe',
      'stripe',
      'warning',
      `${endpoint} answered with an error: ${message}`,
      'Try again later.',
    )
  }
}

const scheduleCheck = (ledger: Ledger, now: Date): HealthCheck => {
  const status = scheduleStatus(ledger.db, now)
  const count = periodsWaiting(ledger.db, now)
  const waiting = `${count} ended ${count === 1 ? 'period' : 'periods'} waiting to be billed`
  if (!status.enabled) {
    return check(
      'schedule',
      'schedule',
      'off',
      `billing runs only when someone starts one; ${waiting}`,
      count > 0
        ? 'Run `meterbook tick` (or `meterbook billing run`), or set a schedule in Settings.'
        : 'Set a schedule in Settings, or run `meterbook tick` from an OS scheduler.',
    )
  }
  const last = status.lastSlot ? `last slot ${status.lastSlot}` : 'no slot run yet'
  const next = `next slot ${status.next ?? 'none'}`
  const due = latestSlot(readSettingsNow(ledger.db), now)
  const missed = due !== null && status.lastSlot !== null && due.toISOString() > status.lastSlot
  return missed
    ? check(
        'schedule',
        'schedule',
        'warning',
        `${last}; the slot of ${due.toISOString()} has not run, ${next}; ${waiting}`,
        'Start the app (it catches up), or run `meterbook tick`.',
      )
    : check('schedule', 'schedule', 'ok', `${last}, ${next}; ${waiting}`)
}

/** Everything `meterbook doctor` checks, each with what to do about it. */
export const checkHealth = async (
  ledger: Ledger,
  platform: Platform,
  payments: Payments,
  now: Date,
): Promise<HealthReport> => {
  const checks = [
    ...ledgerChecks(ledger),
    await stripeCheck(payments, platform),
    scheduleCheck(ledger, now),
  ]
  return { checks, attention: checks.some((c) => c.status === 'warning' || c.status === 'problem') }
}
