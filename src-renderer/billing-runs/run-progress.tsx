import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { BillingRunProgress } from '../../src-shared/domain/billing'
import { formatDuration } from './period'

/** How far a run has got; indeterminate until main reports its first figures. */
export const RunProgress = ({ progress }: { progress: BillingRunProgress | null }) => {
  const percent =
    progress && progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : 0
  return (
    <Stack spacing={1}>
      <LinearProgress
        aria-label="Billing run progress"
        variant={progress ? 'determinate' : 'indeterminate'}
        value={percent}
        sx={{ height: 10, borderRadius: 5 }}
      />
      <Typography variant="body2" sx={{ color: 'text.secondary' }} aria-live="polite">
        {progress
          ? `${progress.done} of ${progress.total} subscriptions · ${formatDuration(progress.elapsedMs)} elapsed`
          : 'Starting…'}
      </Typography>
    </Stack>
  )
}
