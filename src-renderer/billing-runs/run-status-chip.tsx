import Chip from '@mui/material/Chip'
import type { BillingRun, BillingRunStatus } from '../../src-shared/domain/billing'

const looks: Record<
  BillingRunStatus,
  { label: string; color: 'info' | 'success' | 'warning' | 'error' }
> = {
  running: { label: 'Running', color: 'info' },
  completed: { label: 'Completed', color: 'success' },
  failed: { label: 'Failed', color: 'error' },
  interrupted: { label: 'Interrupted', color: 'warning' },
}

/** A run's status; a completed run with failed items says so rather than look all green. */
export const RunStatusChip = ({
  run,
}: {
  run: Pick<BillingRun, 'status' | 'failed' | 'dryRun'>
}) => {
  const look = looks[run.status]
  const partial = run.status === 'completed' && run.failed > 0
  return (
    <Chip
      label={`${partial ? 'Completed with failures' : look.label}${run.dryRun ? ' (dry run)' : ''}`}
      color={partial ? 'warning' : look.color}
      variant="outlined"
    />
  )
}
