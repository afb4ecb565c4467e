import type { RetryStrategy } from '../../src-shared/domain/payments'
import type { PaymentSettings } from '../../src-shared/domain/settings'

export type RetrySettings = PaymentSettings['retry']

export type ScheduleOptions = {
  now: Date
  /** In [0, 1): the jitter of exponential delays; tests pass a seeded one. */
  random: () => number
  /** From a Retry-After header: no attempt is planned earlier. */
  retryAfterSeconds: number | null
}

/** Attempts a record may make under a strategy before it waits for a person (0 for manual). */
export const maxAttemptsFor = (strategy: RetryStrategy, retry: RetrySettings): number =>
  strategy === 'manual' ? 0 : retry.maxAttempts[strategy]

/**
 * The exponential delay before the next attempt, in milliseconds: base·2^(n−1) capped at the
 * maximum, with "equal jitter" (half fixed, half random) so processors that failed together do
 * not all come back in the same second, yet the delay never drops below half the step.
 */
export const exponentialDelayMs = (
  attemptNumber: number,
  retry: RetrySettings,
  random: () => number,
): number => {
  const steps = Math.max(attemptNumber, 1) - 1
  // 2^steps past ~40 would only ever hit the cap; capping the exponent keeps it a safe integer.
  const uncapped = retry.baseDelaySeconds * 2 ** Math.min(steps, 40)
  const delayMs = Math.min(uncapped, retry.maxDelaySeconds) * 1000
  const half = delayMs / 2
  return Math.round(half + random() * half)
}

/**
 * When to make the next attempt after `attemptNumber` attempts (≥ 1) have failed; null for
 * manual (a person decides). Pure.
 */
export const nextAttemptAt = (
  strategy: RetryStrategy,
  attemptNumber: number,
  retry: RetrySettings,
  opts: ScheduleOptions,
): Date | null => {
  const now = opts.now.getTime()
  let delayMs: number
  switch (strategy) {
    case 'manual':
      return null
    case 'immediate':
      delayMs = 0
      break
    case 'fixed':
      delayMs = retry.fixedIntervalSeconds * 1000
      break
    case 'exponential':
      delayMs = exponentialDelayMs(attemptNumber, retry, opts.random)
      break
  }
  const floorMs = (opts.retryAfterSeconds ?? 0) * 1000
  return new Date(now + Math.max(delayMs, floorMs))
}
