import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import type { Plan } from '../../src-shared/domain/catalog'
import { ErrorAlert } from '../error-alert'
import { useDiscardDraft } from './queries'

type Props = {
  plan: Plan
  version: number
  onClose: () => void
  onDiscarded: (plan: Plan) => void
}

/** Throwing a draft away cannot be undone, so it is confirmed first. */
export const DiscardDialog = ({ plan, version, onClose, onDiscarded }: Props) => {
  const discard = useDiscardDraft()
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth>
      <DialogTitle>Discard draft version {version}?</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            Every change in this draft, saved or not, is lost. Published versions stay as they are.
          </DialogContentText>
          {discard.error ? <ErrorAlert error={discard.error} /> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Keep editing
        </Button>
        <Button
          color="error"
          variant="contained"
          disabled={discard.isPending}
          // The promise, not a per-call callback: success unmounts this dialog (see PublishDialog).
          onClick={() =>
            void discard.mutateAsync({ id: plan.id }).then(onDiscarded, () => undefined)
          }
        >
          Discard draft
        </Button>
      </DialogActions>
    </Dialog>
  )
}
