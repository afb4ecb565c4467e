/**
 * A meter's colour from the feature's own alert thresholds (the plan's, or 75, 90, 100), as the
 * server sends them with the meter: amber from the first threshold, red from the second (a
 * single threshold goes straight to red). Nothing is coloured before the first.
 */
export type MeterLevel = 'primary' | 'warning' | 'error'

export const meterLevel = (percent: number | null, thresholds: readonly number[]): MeterLevel => {
  const [first, second] = [...thresholds].sort((a, b) => a - b)
  if (percent === null || first === undefined || percent < first) return 'primary'
  if (second === undefined) return 'error'
  return percent < second ? 'warning' : 'error'
}
