import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Dialog, { type DialogProps } from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import type { ReactNode, SyntheticEvent } from 'react'
import { ErrorAlert } from '../error-alert'

type FooterProps = {
  onCancel: () => void
  submitLabel: string
  pending: boolean
  /** Besides while pending, e.g. while nothing changed. */
  disabled?: boolean
}

/**
 * Cancel and the submit button. The submit keeps its name while pending (a spinner shows the
 * wait) so it is the same button before and after; Cancel waits for the save to answer.
 */
export const DialogFooter = ({ onCancel, submitLabel, pending, disabled }: FooterProps) => (
  <DialogActions>
    <Button onClick={onCancel} disabled={pending}>
      Cancel
    </Button>
    <Button
      type="submit"
      variant="contained"
      disabled={pending || disabled}
      startIcon={pending ? <CircularProgress size={14} color="inherit" /> : null}
    >
      {submitLabel}
    </Button>
  </DialogActions>
)

type Props = FooterProps & {
  title: string
  onSubmit: () => void
  /** An error no field shows (or null): kept above the fields. */
  error: unknown
  maxWidth?: DialogProps['maxWidth']
  children: ReactNode
}

/**
 * A dialog that is one form: Enter in a field submits it, Escape cancels unless a save is pending.
 * Fields are not marked `required`: the browser would block the submit before the schema explains.
 */
export const FormDialog = ({
  title,
  onSubmit,
  error,
  maxWidth = 'sm',
  children,
  ...footer
}: Props) => {
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    // The dialog renders in a portal, but React still bubbles its submit to any outer form.
    event.stopPropagation()
    onSubmit()
  }
  return (
    <Dialog
      open
      onClose={footer.pending ? undefined : footer.onCancel}
      maxWidth={maxWidth}
      fullWidth
      slotProps={{ paper: { component: 'form', onSubmit: submit } }}
    >
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error ? <ErrorAlert error={error} /> : null}
          {children}
        </Stack>
      </DialogContent>
      <DialogFooter {...footer} />
    </Dialog>
  )
}
