import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import { failuresLabel } from './actions'
import { useFailureSummary, useLiveRetries } from './queries'

export const retryBadgeId = 'retry-queue-badge'

/** Out of sight, still read: the usual clip of a screen-reader-only text. */
const srOnly = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const

/**
 * The unresolved count beside the Retry queue link, red once it reaches the alert threshold. Lives
 * in the shell, so it also keeps every retry and payment view current on main's events.
 */
export const RetryQueueBadge = ({ compact = false }: { compact?: boolean }) => {
  useLiveRetries()
  const summary = useFailureSummary().data
  if (!summary || summary.unresolved === 0) return null
  const alarming = summary.unresolved >= summary.threshold
  const description = `${failuresLabel(summary.unresolved).replace(/failures?$/, (word) => `unresolved ${word}`)}${alarming ? ', over the alert threshold' : ''}`
  return (
    <>
      {/* Read as the link's description: "Retry queue, 3 unresolved failures". A chip is no
          element a name can go on (axe: aria-label on a div without a role), so the words are
          text of their own and the chip only shows the count. */}
      <Box component="span" id={retryBadgeId} sx={srOnly}>
        {description}
      </Box>
      <Chip
        aria-hidden
        data-testid="retry-queue-badge"
        size="small"
        label={summary.unresolved}
        color={alarming ? 'error' : 'warning'}
        variant={alarming ? 'filled' : 'outlined'}
        sx={
          compact
            ? { position: 'absolute', top: 0, right: 0, height: 16, fontSize: 10 }
            : { ml: 1, height: 20, '& .MuiChip-label': { px: 0.75 } }
        }
      />
    </>
  )
}
