import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Skeleton from '@mui/material/Skeleton'
import { Link } from 'react-router'
import { formatDateTime } from '../format'
import { areas } from '../shell/areas'
import { useSchedule } from './queries'

/** When billing runs by itself next and when it last did, with a way to the schedule's settings. */
export const ScheduleStatus = ({ onOpenRun }: { onOpenRun: (runId: string) => void }) => {
  const schedule = useSchedule()
  if (schedule.isPending) return <Skeleton variant="rounded" height={48} />
  // The schedule is a convenience here: its failure must not hide the runs below.
  if (schedule.isError) {
    return (
      <Alert severity="warning">
        The billing schedule could not be read: {schedule.error.message}
      </Alert>
    )
  }
  const { enabled, next, lastSlot, lastRunId } = schedule.data
  const last = lastSlot
    ? `Last scheduled run: ${formatDateTime(lastSlot)}.`
    : 'No scheduled run yet.'
  return (
    <Alert
      severity={enabled ? 'info' : 'warning'}
      aria-label="Billing schedule"
      action={
        <>
          {lastRunId ? (
            <Button color="inherit" onClick={() => onOpenRun(lastRunId)}>
              Open last run
            </Button>
          ) : null}
          <Button color="inherit" component={Link} to={areas.settings.path}>
            Schedule settings
          </Button>
        </>
      }
    >
      {enabled && next
        ? `Billing runs by itself while the app is open; next run ${formatDateTime(next)}. ${last}`
        : `The billing schedule is off: runs happen only when started here or from the command line. ${last}`}
    </Alert>
  )
}
