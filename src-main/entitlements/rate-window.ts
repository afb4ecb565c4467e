import type { RateWindow } from '../../src-shared/domain/catalog'

const unitMs: Record<RateWindow['unit'], number> = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
}

export const windowMs = (window: RateWindow): number => unitMs[window.unit] * window.count

/**
 * The fixed window holding `at`: windows are aligned to the Unix epoch in UTC, so "per hour"
 * resets on the hour and "per day" at midnight UTC, the same on every host.
 */
export const fixedWindow = (window: RateWindow, at: Date): { start: Date; end: Date } => {
  const length = windowMs(window)
  const start = Math.floor(at.getTime() / length) * length
  return { start: new Date(start), end: new Date(start + length) }
}
