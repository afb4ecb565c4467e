import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useState, type SyntheticEvent } from 'react'
import type { Plan } from '../../src-shared/domain/catalog'
import { ApiError } from '../api'
import { ErrorAlert } from '../error-alert'
import { todayIso } from './catalog-format'
import { usePublish } from './queries'

type Props = {
  plan: Plan
  version: number
  onClose: () => void
  onPublished: (plan: Plan) => void
}

/** Asks when the draft takes effect, then freezes it as a published version. */
export const PublishDialog = ({ plan, version, onClose, onPublished }: Props) => {
  const publish = usePublish()
  const [effectiveFrom, setEffectiveFrom] = useState(todayIso)
  const fieldError =
    publish.error instanceof ApiError ? publish.error.fields?.['effectiveFrom'] : undefined

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    // The dialog renders in a portal, but React still bubbles its submit to any outer form.
    event.stopPropagation()
    if (publish.isPending) return
    // Not mutate's own onSuccess: publishing swaps the page to the published view, unmounting this
    // dialog, and a per-call callback never fires for an unmounted caller. The promise still does.
    void publish.mutateAsync({ id: plan.id, effectiveFrom }).then(onPublished, () => undefined)
  }

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="xs"
      fullWidth
      slotProps={{ paper: { component: 'form', onSubmit: submit } }}
    >
      <DialogTitle>Publish version {version}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            Once published, version {version} of {plan.name} cannot change.
          </DialogContentText>
          {/* Exactly what billing does: subscriptions stay pinned to their version (grandfathering). */}
          <DialogContentText component="ul" sx={{ pl: 2.5, my: 0 }}>
            <li>Existing subscribers stay on the version they are on: publishing moves nobody.</li>
            <li>
              New subscriptions created on or after {effectiveFrom || 'the effective date'} get
              version {version}.
            </li>
            <li>
              To move existing subscribers, use Move subscribers in the version history: it shows
              the difference on their last billed period first.
            </li>
          </DialogContentText>
          {publish.error && !fieldError ? <ErrorAlert error={publish.error} /> : null}
          <TextField
            autoFocus
            type="date"
            label="Effective from"
            value={effectiveFrom}
            onChange={(event) => {
              setEffectiveFrom(event.target.value)
              publish.reset()
            }}
            error={Boolean(fieldError)}
            helperText={fieldError}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained" disabled={!effectiveFrom || publish.isPending}>
          Publish
        </Button>
      </DialogActions>
    </Dialog>
  )
}
