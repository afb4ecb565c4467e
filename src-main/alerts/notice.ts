import type { UsageAlert } from '../../src-shared/domain/alerts'

/**
 * The desktop notification for alerts an import fired: one notice for the lot (an import can
 * fire dozens), naming the first few. Null when nothing fired.
 */
export const firedNotice = (
  alerts: readonly UsageAlert[],
): { title: string; body: string } | null => {
  if (alerts.length === 0) return null
  const lines = alerts
    .slice(0, 3)
    .map((a) => `${a.customerName}: ${a.metric} reached ${a.threshold}% (${a.used} of ${a.limit})`)
  const more = alerts.length > 3 ? [`and ${alerts.length - 3} more`] : []
  return {
    title: alerts.length === 1 ? 'Usage alert' : `${alerts.length} usage alerts`,
    body: [...lines, ...more].join('\n'),
  }
}
