import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useQueryClient } from '@tanstack/react-query'
import { ErrorAlert } from '../error-alert'
import { formatBytes } from './file-format'
import { abandonUpload, cancelUpload, type Upload } from './upload-store'

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })

/** "2 min 05 s", "45 s"; "—" while the server cannot tell yet. */
export const formatSecondsLeft = (seconds: number | null): string => {
  if (seconds === null || !Number.isFinite(seconds)) return '—'
  const total = Math.max(0, Math.round(seconds))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const rest = String(total % 60).padStart(2, '0')
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`
  return minutes > 0 ? `${minutes} min ${rest} s` : `${total % 60} s`
}

const Stat = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <Box>
    <Typography variant="overline" component="div" sx={{ color: 'text.secondary' }}>
      {label}
    </Typography>
    <Typography variant="h6" component="div" data-testid={testId}>
      {value}
    </Typography>
  </Box>
)

/** Step 4: how far the file has got, how fast, and a way to stop it. */
export const ProgressStep = ({ upload }: { upload: Upload }) => {
  const queryClient = useQueryClient()
  const { progress, totalBytes } = upload
  // Bytes the server has read: pushed progress can be ahead of the last acknowledged chunk.
  const bytes = Math.max(upload.sentBytes, progress?.bytesRead ?? 0)
  const percent = totalBytes > 0 ? Math.min(100, (bytes / totalBytes) * 100) : 0

  return (
    <Stack spacing={2} sx={{ maxWidth: 720 }}>
      <Typography variant="body1">
        Importing <strong>{upload.fileName}</strong>
      </Typography>
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label="Import progress"
        sx={{ height: 10, borderRadius: 5 }}
      />
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {formatBytes(bytes)} of {formatBytes(totalBytes)} ({whole.format(percent)}%)
      </Typography>
      <Stack direction="row" spacing={4}>
        <Stat label="Rows read" value={whole.format(progress?.read ?? 0)} testId="progress-read" />
        <Stat
          label="Rows per second"
          value={progress ? whole.format(progress.rowsPerSecond) : '—'}
          testId="progress-rate"
        />
        <Stat
          label="Time left"
          value={formatSecondsLeft(progress?.secondsLeft ?? null)}
          testId="progress-time-left"
        />
      </Stack>
      {upload.phase === 'failed' ? (
        <ErrorAlert
          error={upload.error}
          action={
            <Button color="inherit" onClick={() => void abandonUpload(queryClient)}>
              Stop and show the result
            </Button>
          }
        />
      ) : null}
      {upload.phase === 'cancelling' ? (
        <Alert severity="info">Cancelling after the part being sent now…</Alert>
      ) : null}
      <Box>
        <Button
          variant="outlined"
          color="error"
          onClick={cancelUpload}
          disabled={upload.phase !== 'sending'}
        >
          Cancel
        </Button>
      </Box>
    </Stack>
  )
}
