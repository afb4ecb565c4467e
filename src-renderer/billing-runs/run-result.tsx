import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import { formatTotals } from '../invoices/money'
import { formatDuration } from './period'
import { useRun } from './queries'
import { periodLabel } from './runs-grid'
import { RunItems } from './run-items'
import { RunStatusChip } from './run-status-chip'

/** One run's result: who ran what and when, and each subscription's outcome. */
export const RunResult = ({ runId, onBack }: { runId: string; onBack: () => void }) => {
  const run = useRun(runId)
  return (
    <Stack spacing={2}>
      <Box sx={{ ml: -0.5 }}>
        <Button startIcon={<ArrowBackOutlined />} onClick={onBack}>
          All runs
        </Button>
      </Box>
      {run.isPending ? <LinearProgress aria-label="Loading run" /> : null}
      {run.isError ? <ErrorAlert error={run.error} /> : null}
      {run.data ? (
        <Paper component="section" variant="outlined" aria-label="Run result" sx={{ p: 2.5 }}>
          <Stack spacing={2}>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <Typography variant="h6" component="h2">
                Run for {periodLabel(run.data)}
              </Typography>
              <RunStatusChip run={run.data} />
            </Stack>
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              Started {formatDateTime(run.data.startedAt)} by {run.data.operator} (
              {run.data.trigger}), took {formatDuration(run.data.durationMs)}; totals{' '}
              {formatTotals(run.data.totals)}.
            </Typography>
            <RunItems run={run.data} items={run.data.items} />
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  )
}
