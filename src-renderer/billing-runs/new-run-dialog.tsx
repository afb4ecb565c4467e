import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import FormControlLabel from '@mui/material/FormControlLabel'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import type { BillingRunInput, BillingRunResult } from '../../src-shared/domain/billing'
import { ErrorAlert } from '../error-alert'
import { ConfirmDialog } from '../invoices/confirm-dialog'
import { isPeriod } from '../invoices/list-view'
import { formatTotals } from '../invoices/money'
import { useSettings } from '../settings/queries'
import { lastMonth } from './period'
import { useRunProgress, useStartRun } from './queries'
import { RunItems } from './run-items'
import { RunProgress } from './run-progress'

type Props = {
  onClose: () => void
  /** The real run finished: the page shows its result. */
  onFinished: (result: BillingRunResult) => void
}

type Scope = 'month' | 'due'

/**
 * Starts a billing run: choose the period, preview what it would draft (a dry run writes
 * nothing), then run it after a confirmation, with its progress shown until it answers.
 */
export const NewRunDialog = ({ onClose, onFinished }: Props) => {
  const settings = useSettings()
  const zone = settings.data?.businessTimeZone ?? 'UTC'
  const [scope, setScope] = useState<Scope>('month')
  const [period, setPeriod] = useState<string | null>(null)
  const shownPeriod = period ?? lastMonth(zone)
  const preview = useStartRun()
  const run = useStartRun()
  const [confirming, setConfirming] = useState(false)
  const progress = useRunProgress(run.isPending)

  const input: BillingRunInput = scope === 'month' ? { period: shownPeriod } : {}
  const valid = scope === 'due' || isPeriod(shownPeriod)
  const busy = preview.isPending || run.isPending
  // A preview is for the choice it was made with; a new choice hides it.
  const previewed =
    preview.data && preview.variables?.period === input.period ? preview.data : undefined
  const scopeText =
    scope === 'month' ? `the period ${shownPeriod}` : 'every ended period not invoiced yet'

  const change = (next: () => void): void => {
    next()
    preview.reset()
  }

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="lg" fullWidth>
      <DialogTitle>New billing run</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <RadioGroup
            aria-label="What to bill"
            value={scope}
            onChange={(event) =>
              change(() => setScope(event.target.value === 'due' ? 'due' : 'month'))
            }
          >
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <FormControlLabel
                value="month"
                control={<Radio />}
                label="One month"
                disabled={busy}
              />
              <TextField
                type="month"
                label="Period"
                value={shownPeriod}
                disabled={scope !== 'month' || busy}
                onChange={(event) => change(() => setPeriod(event.target.value))}
                error={scope === 'month' && !isPeriod(shownPeriod)}
                helperText={`Months close at midnight, ${zone}`}
                slotProps={{ inputLabel: { shrink: true } }}
                sx={{ width: 220 }}
              />
            </Stack>
            <FormControlLabel
              value="due"
              control={<Radio />}
              label="Every ended period not invoiced yet, oldest first (catch-up)"
              disabled={busy}
            />
          </RadioGroup>
          {preview.isError ? <ErrorAlert error={preview.error} /> : null}
          {run.isError ? <ErrorAlert error={run.error} /> : null}
          {run.isPending ? <RunProgress progress={progress} /> : null}
          {preview.isPending ? <RunProgress progress={null} /> : null}
          {previewed && !run.isPending ? (
            <Stack spacing={1}>
              <Typography variant="subtitle2" component="h3">
                Preview: {previewed.invoices} invoice{previewed.invoices === 1 ? '' : 's'} would be
                drafted, totalling {formatTotals(previewed.totals)}
              </Typography>
              <RunItems run={previewed} items={previewed.items} />
            </Stack>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Close
        </Button>
        <Button
          variant="outlined"
          disabled={!valid || busy}
          onClick={() => preview.mutate({ ...input, dryRun: true })}
        >
          Preview (dry run)
        </Button>
        <Button variant="contained" disabled={!valid || busy} onClick={() => setConfirming(true)}>
          Run billing
        </Button>
      </DialogActions>
      {confirming ? (
        <ConfirmDialog
          title="Run billing?"
          message={`Drafts or updates the invoices for ${scopeText}. Finalized invoices are never changed, and running the same period again does not duplicate anything.`}
          confirmLabel="Run billing now"
          pending={false}
          error={null}
          onConfirm={() => {
            setConfirming(false)
            run.mutate({ ...input, dryRun: false }, { onSuccess: onFinished })
          }}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </Dialog>
  )
}
