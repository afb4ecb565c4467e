import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useState, type ReactNode, type SyntheticEvent } from 'react'
import { ApiError } from '../api'
import { ErrorAlert } from '../error-alert'

type Props = {
  title: string
  message: ReactNode
  /** The confirming button's label, a verb: "Finalize", "Void invoice". */
  confirmLabel: string
  /** Asks for a reason (required) before the action can be confirmed. */
  reason?: { label: string; field: string; required: boolean }
  destructive?: boolean
  pending: boolean
  error: unknown
  onConfirm: (reason: string) => void
  onClose: () => void
}

/**
 * One confirmation for every irreversible action: says what will happen, optionally asks why, and
 * keeps the server's refusal on screen instead of closing.
 */
export const ConfirmDialog = ({
  title,
  message,
  confirmLabel,
  reason,
  destructive,
  pending,
  error,
  onConfirm,
  onClose,
}: Props) => {
  const [text, setText] = useState('')
  const fieldError = reason && error instanceof ApiError ? error.fields?.[reason.field] : undefined
  const blocked = pending || (reason?.required === true && text.trim() === '')

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    // The dialog renders in a portal, but React still bubbles its submit to any outer form.
    event.stopPropagation()
    if (!blocked) onConfirm(text.trim())
  }

  return (
    <Dialog
      open
      onClose={pending ? undefined : onClose}
      maxWidth="xs"
      fullWidth
      slotProps={{ paper: { component: 'form', onSubmit: submit } }}
    >
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText component="div">{message}</DialogContentText>
          {error && !fieldError ? <ErrorAlert error={error} /> : null}
          {reason ? (
            <TextField
              autoFocus
              label={reason.label}
              value={text}
              required={reason.required}
              multiline
              minRows={2}
              onChange={(event) => setText(event.target.value)}
              error={Boolean(fieldError)}
              helperText={fieldError}
            />
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant="contained"
          color={destructive ? 'error' : 'primary'}
          disabled={blocked}
          autoFocus={!reason}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
