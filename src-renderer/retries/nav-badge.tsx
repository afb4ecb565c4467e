import Chip from '@mui/material/Chip'
import { failuresLabel } from './actions'
import { useFailureSummary, useLiveRetries } from './queries'

export const retryBadgeId = 'retry-queue-badge'

/**
 * The unresolved count beside the Retry queue link, red once it reaches the alert threshold. Lives
 * in the shell, so it also keeps every retry and payment view current on main's events.
 */
export const RetryQueueBadge = () => {
  useLiveRetries()
  const summary = useFailureSummary().data
  if (!summary || summary.unresolved === 0) return null
  const alarming = summary.unresolved >= summary.threshold
  return (
    <Chip
      id={retryBadgeId}
      data-testid="retry-queue-badge"
      size="small"
      label={summary.unresolved}
      color={alarming ? 'error' : 'warning'}
      variant={alarming ? 'filled' : 'outlined'}
      // Read as the link's description: "Retry queue, 3 unresolved failures".
      aria-label={`${failuresLabel(summary.unresolved).replace(/failures?$/, (word) => `unresolved ${word}`)}${alarming ? ', over the alert threshold' : ''}`}
      sx={{ ml: 1, height: 20, '& .MuiChip-label': { px: 0.75 } }}
    />
  )
}
