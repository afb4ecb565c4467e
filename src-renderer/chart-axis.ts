/** Axis labels short enough for any ledger: "1.2M", "$45K". Exact figures are in the tooltips. */
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 })

export const compactNumber = (value: number): string => compact.format(value)

/** Compact on the axis's ticks, in full where a tooltip names the point. */
export const tickOrFull =
  (full: (value: number) => string) =>
  (value: number, context: { location: string }): string =>
    context.location === 'tick' ? compactNumber(value) : full(value)

/**
 * The width a vertical axis needs so no tick label is cut: the longest label at about 0.62 em
 * per character of the charts' 12 px tick font, plus the tick line and a gap. The axis's top
 * tick can round past the largest value ("950K" → "1M"), so `max` is padded before formatting.
 */
export const axisWidth = (max: number, format: (value: number) => string): number => {
  const labels = [format(0), format(max), format(max * 1.25), format(-max)]
  const longest = Math.max(...labels.map((label) => label.length))
  return Math.ceil(longest * 12 * 0.62) + 18
}
