import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemText from '@mui/material/ListItemText'
import FormControl from '@mui/material/FormControl'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormLabel from '@mui/material/FormLabel'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState, type KeyboardEvent, type SyntheticEvent } from 'react'
import {
  retryStrategies,
  type FailureAction,
  type FailureActResult,
  type RetryStrategy,
} from '../../src-shared/domain/payments'
import { ApiError } from '../api'
import { ErrorAlert } from '../error-alert'
import {
  actionLooks,
  defaultSnooze,
  failuresLabel,
  futureInstant,
  type ActionKind,
} from './actions'
import { strategyLooks } from './labels'
import { useRetryAct } from './queries'

type Props = {
  kind: ActionKind
  ids: readonly number[]
  /** How the records are named in the dialog: an invoice number, or "3 failures". */
  target: string
  /** The strategy offered first when changing it (the record's current one, for a single record). */
  currentStrategy?: RetryStrategy
  onDone: (result: FailureActResult, kind: ActionKind) => void
  onClose: () => void
}

/** Browsers submit a form on Enter in a text field but not on a radio button; these dialogs do both. */
const submitOnRadioEnter = (event: KeyboardEvent<HTMLFormElement>): void => {
  const target = event.target
  if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type === 'radio') {
    event.preventDefault()
    event.currentTarget.requestSubmit()
  }
}

/**
 * Confirms one action on one or many failures, asking for what the action needs (a strategy, a
 * time, a note). Enter submits; a refusal stays on screen; records the action skipped are listed
 * with the reason before the dialog closes.
 */
export const ActionDialog = ({ kind, ids, target, currentStrategy, onDone, onClose }: Props) => {
  const act = useRetryAct()
  const look = actionLooks[kind]
  const [strategy, setStrategy] = useState<RetryStrategy>(
    currentStrategy === 'manual' || currentStrategy === undefined ? 'exponential' : 'manual',
  )
  const [until, setUntil] = useState(defaultSnooze)
  const [note, setNote] = useState('')
  const [skipped, setSkipped] = useState<FailureActResult['skipped']>()

  const needsNote = kind === 'resolve' || kind === 'write-off'
  const untilIso = futureInstant(until)
  const action = ((): FailureAction | undefined => {
    switch (kind) {
      case 'retry-now':
        return { kind }
      case 'change-strategy':
        return { kind, strategy }
      case 'snooze':
        return untilIso ? { kind, until: untilIso } : undefined
      case 'resolve':
      case 'write-off':
        return note.trim() ? { kind, note: note.trim() } : undefined
    }
  })()
  const fields = act.error instanceof ApiError ? (act.error.fields ?? {}) : {}
  const fieldError = needsNote
    ? fields['action.note']
    : kind === 'snooze'
      ? fields['action.until']
      : undefined

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    // The dialog renders in a portal, but React still bubbles its submit to any outer form.
    event.stopPropagation()
    if (!action || act.isPending) return
    act.mutate(
      { ids: [...ids], action },
      {
        onSuccess: (result) => {
          if (result.skipped.length > 0) setSkipped(result.skipped)
          onDone(result, kind)
          if (result.skipped.length === 0) onClose()
        },
      },
    )
  }

  if (skipped) {
    return (
      <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="skipped-title">
        <DialogTitle id="skipped-title">Some failures were skipped</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {look.label} did not apply to {failuresLabel(skipped.length)}:
          </DialogContentText>
          <List dense aria-label="Skipped failures">
            {skipped.map(({ id, reason }) => (
              <ListItem key={id} disableGutters>
                <ListItemText primary={`Failure #${id}`} secondary={reason} />
              </ListItem>
            ))}
          </List>
        </DialogContent>
        <DialogActions>
          <Button variant="contained" autoFocus onClick={onClose}>
            Close
          </Button>
        </DialogActions>
      </Dialog>
    )
  }

  return (
    <Dialog
      open
      onClose={act.isPending ? undefined : onClose}
      maxWidth="xs"
      fullWidth
      aria-labelledby="action-title"
      slotProps={{ paper: { component: 'form', onSubmit: submit, onKeyDown: submitOnRadioEnter } }}
    >
      <DialogTitle id="action-title">{look.label}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText component="div">
            <strong>{target}</strong>: {look.effect}
          </DialogContentText>
          {act.error && !fieldError ? <ErrorAlert error={act.error} /> : null}
          {kind === 'change-strategy' ? (
            <FormControl>
              <FormLabel id="strategy-label">New strategy</FormLabel>
              <RadioGroup
                aria-labelledby="strategy-label"
                value={strategy}
                onChange={(event) =>
                  setStrategy(retryStrategies.find((s) => s === event.target.value) ?? strategy)
                }
              >
                {retryStrategies.map((option) => (
                  <FormControlLabel
                    key={option}
                    value={option}
                    control={<Radio autoFocus={option === strategy} />}
                    label={
                      <>
                        {strategyLooks[option].label}
                        <Typography
                          component="span"
                          variant="body2"
                          sx={{ display: 'block', color: 'text.secondary' }}
                        >
                          {strategyLooks[option].hint}
                        </Typography>
                      </>
                    }
                    sx={{ alignItems: 'flex-start', mb: 1, '& .MuiRadio-root': { pt: 0.25 } }}
                  />
                ))}
              </RadioGroup>
            </FormControl>
          ) : null}
          {kind === 'snooze' ? (
            <TextField
              autoFocus
              type="datetime-local"
              label="Snooze until"
              value={until}
              onChange={(event) => setUntil(event.target.value)}
              error={Boolean(fieldError) || (until !== '' && !untilIso)}
              helperText={
                fieldError ?? (untilIso ? 'Your local time' : 'Choose a time in the future')
              }
              slotProps={{ inputLabel: { shrink: true } }}
            />
          ) : null}
          {needsNote ? (
            <TextField
              autoFocus
              required
              label="Note"
              placeholder={kind === 'resolve' ? 'Paid by bank transfer' : 'Customer insolvent'}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              error={Boolean(fieldError)}
              helperText={
                fieldError ?? (kind === 'resolve' ? 'How it was settled' : 'Why it is given up')
              }
              slotProps={{ htmlInput: { maxLength: 1000 } }}
            />
          ) : null}
          {kind === 'retry-now' ? (
            <Alert severity="info" variant="outlined">
              The idempotency key stays the same: a retry can never charge twice.
            </Alert>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={act.isPending}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant="contained"
          color={look.destructive ? 'error' : 'primary'}
          disabled={!action || act.isPending}
          autoFocus={kind === 'retry-now'}
        >
          {look.label}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
