import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useState, type SyntheticEvent } from 'react'
import { parseMajor } from '../../src-shared/money'
import { ApiError } from '../api'
import { ErrorAlert } from '../error-alert'
import { useAddCredit } from './billing-queries'

type Props = { externalId: string; currency: string; onClose: () => void }

/**
 * Grants prepaid credit, or records a refund of credit paid back. The amount is typed in major
 * units and converted exactly (parseMajor); the ledger is in the customer's currency.
 */
export const CreditDialog = ({ externalId, currency, onClose }: Props) => {
  const add = useAddCredit()
  const [kind, setKind] = useState<'grant' | 'refund'>('grant')
  const [amount, setAmount] = useState('')
  const [expiresOn, setExpiresOn] = useState('')
  const [note, setNote] = useState('')
  const minor = parseMajor(amount, currency)
  const amountProblem =
    amount.trim() === ''
      ? undefined
      : minor === undefined
        ? `An amount in ${currency} such as 25.00`
        : minor === 0
          ? 'Must be more than zero'
          : undefined
  const fields = add.error instanceof ApiError ? (add.error.fields ?? {}) : {}

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    event.stopPropagation()
    if (minor === undefined || minor === 0 || add.isPending) return
    add.mutate(
      {
        externalId,
        kind,
        amountMinor: minor,
        expiresOn: kind === 'grant' && expiresOn ? expiresOn : null,
        note: note.trim(),
      },
      { onSuccess: onClose },
    )
  }

  return (
    <Dialog
      open
      onClose={add.isPending ? undefined : onClose}
      maxWidth="xs"
      fullWidth
      slotProps={{ paper: { component: 'form', onSubmit: submit } }}
    >
      <DialogTitle>Add to the credit ledger</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <DialogContentText>
            Credit is consumed by the next invoices before tax. A refund takes credit out of the
            balance because it was paid back.
          </DialogContentText>
          {add.error ? <ErrorAlert error={add.error} /> : null}
          <TextField
            select
            label="Kind"
            value={kind}
            onChange={(event) => setKind(event.target.value === 'refund' ? 'refund' : 'grant')}
          >
            <MenuItem value="grant">Grant credit</MenuItem>
            <MenuItem value="refund">Refund credit</MenuItem>
          </TextField>
          <TextField
            autoFocus
            required
            label={`Amount (${currency})`}
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            error={Boolean(amountProblem ?? fields['amountMinor'])}
            helperText={amountProblem ?? fields['amountMinor']}
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          />
          {kind === 'grant' ? (
            <TextField
              type="date"
              label="Expires on (optional)"
              value={expiresOn}
              onChange={(event) => setExpiresOn(event.target.value)}
              error={Boolean(fields['expiresOn'])}
              helperText={fields['expiresOn'] ?? 'Unused credit expires at the end of that day'}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          ) : null}
          <TextField
            label="Note"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            multiline
            minRows={2}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={add.isPending}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant="contained"
          disabled={minor === undefined || minor === 0 || add.isPending}
        >
          {kind === 'grant' ? 'Grant credit' : 'Record refund'}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
