import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useState, type SyntheticEvent } from 'react'
import type { PushResult } from '../../src-shared/domain/payments'
import { lastMonth } from '../billing-runs/period'
import { ErrorAlert } from '../error-alert'
import { isPeriod } from '../invoices/list-view'
import { useSettings } from '../settings/queries'
import { usePush } from './queries'

type Props = { onDone: (result: PushResult, period: string) => void; onClose: () => void }

/** Queues the finalized invoices of one period for push and collection. */
export const PushDialog = ({ onDone, onClose }: Props) => {
  const zone = useSettings().data?.businessTimeZone ?? 'UTC'
  const [period, setPeriod] = useState<string | null>(null)
  const shown = period ?? lastMonth(zone)
  const push = usePush()
  const valid = isPeriod(shown)

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    event.stopPropagation()
    if (!valid || push.isPending) return
    push.mutate(
      { period: shown },
      {
        onSuccess: (result) => {
          onDone(result, shown)
          onClose()
        },
      },
    )
  }

  return (
    <Dialog
      open
      onClose={push.isPending ? undefined : onClose}
      maxWidth="xs"
      fullWidth
      aria-labelledby="push-title"
      slotProps={{ paper: { component: 'form', onSubmit: submit } }}
    >
      <DialogTitle id="push-title">Push invoices of a period</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            Every finalized invoice of the period is queued: pushed to Stripe, then collected from
            the customer&apos;s default payment method. Queuing twice queues nothing more.
          </DialogContentText>
          {push.error ? <ErrorAlert error={push.error} /> : null}
          <TextField
            autoFocus
            label="Period"
            placeholder="YYYY-MM"
            value={shown}
            onChange={(event) => setPeriod(event.target.value)}
            error={!valid}
            helperText={valid ? `In the business time zone (${zone})` : 'A month as YYYY-MM'}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={push.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={!valid || push.isPending}>
          Queue invoices
        </Button>
      </DialogActions>
    </Dialog>
  )
}
