import type {
  Failure,
  FailureOperation,
  FailureStatus,
  MoneyAtRisk,
  RetryStrategy,
} from '../../src-shared/domain/payments'
import { formatDateTime } from '../format'
import { money } from '../invoices/money'

type Look = { label: string; color: 'info' | 'success' | 'warning' | 'error' | 'default' }

export const strategyLooks: Record<RetryStrategy, Look & { hint: string }> = {
  exponential: {
    label: 'Backoff',
    color: 'info',
    hint: 'Retried with growing delays: the error was temporary (network, Stripe busy).',
  },
  immediate: {
    label: 'Immediate',
    color: 'info',
    hint: 'Retried at the next pass: urgent operations such as refunds.',
  },
  fixed: {
    label: 'Fixed interval',
    color: 'default',
    hint: 'Retried at a fixed interval: a resource locked for a while.',
  },
  manual: {
    label: 'Manual',
    color: 'warning',
    hint: 'Waits for a person: retrying alone cannot fix it (declines, expired cards, keys).',
  },
}

export const failureStatusLooks: Record<FailureStatus, Look> = {
  open: { label: 'Open', color: 'error' },
  resolved: { label: 'Resolved', color: 'success' },
  written_off: { label: 'Written off', color: 'default' },
}

export const operationLabels: Record<FailureOperation, string> = {
  'customer.sync': 'Customer sync',
  'invoice.push': 'Invoice push',
  'invoice.collect': 'Payment',
  'invoice.settle': 'Paid outside Stripe',
  'invoice.void': 'Invoice void',
  'invoice.uncollectible': 'Invoice written off',
  'refund.create': 'Refund',
  'events.sync': 'Event sync',
  internal: 'Internal step',
}

/** Stripe's error types, offered in the filter before any failure of that type exists. */
export const knownErrorTypes = [
  'card_error',
  'api_error',
  'connection_error',
  'rate_limit_error',
  'authentication_error',
  'invalid_request_error',
  'idempotency_error',
] as const

/** The most telling part first: "insufficient_funds · card_declined · card_error". */
export const errorText = (failure: Pick<Failure, 'errorType' | 'code' | 'declineCode'>): string =>
  [...new Set([failure.declineCode, failure.code, failure.errorType])]
    .filter((part) => part !== null)
    .join(' · ')

/** Amounts at risk on one line, per currency in code order. */
export const formatAtRisk = (atRisk: readonly MoneyAtRisk[]): string =>
  atRisk.length === 0
    ? 'nothing'
    : [...atRisk]
        .sort((a, b) => a.currency.localeCompare(b.currency))
        .map(({ amountMinor, currency }) => money(amountMinor, currency))
        .join(' · ')

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
]

/** "in 5 minutes", "3 days ago": the largest whole unit, seconds shown as "now". */
export const fromNow = (iso: string, now = Date.now()): string => {
  const diff = Date.parse(iso) - now
  if (Number.isNaN(diff)) return iso
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms) return relative.format(Math.trunc(diff / ms), unit)
  }
  return relative.format(0, 'second')
}

/** "in 5 minutes (Nov 21, 2026, 10:15:00 PM)". */
export const whenWithAbsolute = (iso: string): string => `${fromNow(iso)} (${formatDateTime(iso)})`

/** A failure's age, e.g. "3 d 4 h" or "25 min". */
export const age = (createdAt: string, now = Date.now()): string => {
  const minutes = Math.max(0, Math.floor((now - Date.parse(createdAt)) / 60_000))
  if (Number.isNaN(minutes)) return '—'
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${hours} h`
  return `${Math.floor(hours / 24)} d ${hours % 24} h`
}
