import { describe, expect, it } from 'vitest'
import { defaultPaymentSettings } from '../../../src-shared/domain/settings'
import {
  exponentialDelayMs,
  maxAttemptsFor,
  nextAttemptAt,
} from '../../../src-main/retries/schedule'

// base 60 s, cap 6 h, fixed 900 s, max attempts 6 / 3 / 5
const retry = defaultPaymentSettings.retry
const now = new Date('2026-11-03T09:00:00.000Z')
const constant = (value: number) => () => value

/** mulberry32: a small seeded generator, so a "random" run is the same every time. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const seconds = (at: Date | null) => (at === null ? null : (at.getTime() - now.getTime()) / 1000)

describe('exponential backoff with equal jitter', () => {
  it('doubles from the base delay: with the jitter at its middle, 45 s, 90 s, 180 s, 360 s, 720 s', () => {
    const delays = [1, 2, 3, 4, 5].map((n) =>
      seconds(
        nextAttemptAt('exponential', n, retry, {
          now,
          random: constant(0.5),
          retryAfterSeconds: null,
        }),
      ),
    )
    expect(delays).toEqual([45, 90, 180, 360, 720])
  })

  it('keeps each delay within [d/2, d]: half fixed, half random', () => {
    expect(exponentialDelayMs(3, retry, constant(0))).toBe(120_000)
    expect(exponentialDelayMs(3, retry, constant(0.999999))).toBe(240_000)
    const random = seeded(42)
    for (let n = 1; n <= 12; n++) {
      const d = Math.min(60 * 2 ** (n - 1), 21_600) * 1000
      for (let i = 0; i < 50; i++) {
        const delay = exponentialDelayMs(n, retry, random)
        expect(delay).toBeGreaterThanOrEqual(d / 2)
        expect(delay).toBeLessThanOrEqual(d)
      }
    }
  })

  it('is the same for the same seed: attempts 1..4 with seed 7', () => {
    const run = () => {
      const random = seeded(7)
      return [1, 2, 3, 4].map((n) => exponentialDelayMs(n, retry, random))
    }
    const first = run()
    expect(run()).toEqual(first)
    expect(first.map((ms, i) => ms >= 30_000 * 2 ** i && ms <= 60_000 * 2 ** i)).toEqual([
      true,
      true,
      true,
      true,
    ])
  })

  it('caps the step at the maximum delay: attempt 10 would be 30,720 s, it waits 10,800..21,600 s', () => {
    expect(exponentialDelayMs(10, retry, constant(0))).toBe(10_800_000)
    expect(exponentialDelayMs(10, retry, constant(0.5))).toBe(16_200_000)
    expect(exponentialDelayMs(60, retry, constant(0.5))).toBe(16_200_000)
  })

  it('is never earlier than Retry-After, and Retry-After does not shorten a longer delay', () => {
    const opts = { now, random: constant(0) }
    expect(
      seconds(nextAttemptAt('exponential', 1, retry, { ...opts, retryAfterSeconds: 120 })),
    ).toBe(120)
    expect(
      seconds(nextAttemptAt('exponential', 1, retry, { ...opts, retryAfterSeconds: 10 })),
    ).toBe(30)
  })
})

describe('the other strategies', () => {
  const opts = { now, random: constant(0.5), retryAfterSeconds: null }

  it('immediate: at once, whatever the attempt', () => {
    expect(nextAttemptAt('immediate', 1, retry, opts)).toEqual(now)
    expect(nextAttemptAt('immediate', 3, retry, opts)).toEqual(now)
  })

  it('immediate waits for Retry-After when Stripe asked for it', () => {
    expect(seconds(nextAttemptAt('immediate', 1, retry, { ...opts, retryAfterSeconds: 5 }))).toBe(5)
  })

  it('fixed: the interval after every attempt (900 s), or Retry-After when longer', () => {
    expect(seconds(nextAttemptAt('fixed', 1, retry, opts))).toBe(900)
    expect(seconds(nextAttemptAt('fixed', 4, retry, opts))).toBe(900)
    expect(seconds(nextAttemptAt('fixed', 1, retry, { ...opts, retryAfterSeconds: 1200 }))).toBe(
      1200,
    )
  })

  it('manual: no next attempt; a person decides', () => {
    expect(nextAttemptAt('manual', 1, retry, opts)).toBeNull()
  })

  it('takes the maximum attempts from the settings, none for manual', () => {
    expect(maxAttemptsFor('exponential', retry)).toBe(6)
    expect(maxAttemptsFor('immediate', retry)).toBe(3)
    expect(maxAttemptsFor('fixed', retry)).toBe(5)
    expect(maxAttemptsFor('manual', retry)).toBe(0)
    const custom = { ...retry, maxAttempts: { exponential: 2, immediate: 1, fixed: 9 } }
    expect(maxAttemptsFor('fixed', custom)).toBe(9)
  })
})
