import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useState, type SyntheticEvent } from 'react'
import type { Invoice } from '../../src-shared/domain/billing'
import { ApiError } from '../api'
import { ErrorAlert } from '../error-alert'
import { useInvoiceAction } from './queries'

type Props = { invoice: Invoice; onClose: () => void }

/**
 * Adds a line by hand to a draft. Quantity and unit amount go as decimal strings, exactly as
 * typed: main multiplies and rounds once, so the renderer never does money arithmetic.
 */
export const ManualLineDialog = ({ invoice, onClose }: Props) => {
  const add = useInvoiceAction('invoices:add-line')
  const [description, setDescription] = useState('')
  const [quantity, setQuantity] = useState('1')
  const [unitAmount, setUnitAmount] = useState('')
  const fields = add.error instanceof ApiError ? (add.error.fields ?? {}) : {}
  const fieldError = (key: string): string | undefined => fields[key]
  const known = ['description', 'quantity', 'unitAmount']
  const otherError =
    add.error && !Object.keys(fields).some((key) => known.includes(key)) ? add.error : null

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    event.stopPropagation()
    if (add.isPending) return
    add.mutate(
      {
        invoiceId: invoice.id,
        description: description.trim(),
        quantity: quantity.trim(),
        unitAmount: unitAmount.trim(),
      },
      { onSuccess: onClose },
    )
  }

  return (
    <Dialog
      open
      onClose={add.isPending ? undefined : onClose}
      maxWidth="sm"
      fullWidth
      slotProps={{ paper: { component: 'form', onSubmit: submit } }}
    >
      <DialogTitle>Add a manual line</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {otherError ? <ErrorAlert error={otherError} /> : null}
          <TextField
            autoFocus
            required
            label="Description"
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            error={Boolean(fieldError('description'))}
            helperText={fieldError('description')}
          />
          <Stack direction="row" spacing={2}>
            <TextField
              required
              label="Quantity"
              value={quantity}
              onChange={(event) => setQuantity(event.target.value)}
              error={Boolean(fieldError('quantity'))}
              helperText={fieldError('quantity') ?? 'e.g. 2 or 1.5'}
              slotProps={{ htmlInput: { inputMode: 'decimal' } }}
            />
            <TextField
              required
              label={`Unit amount (${invoice.currency})`}
              value={unitAmount}
              onChange={(event) => setUnitAmount(event.target.value)}
              error={Boolean(fieldError('unitAmount'))}
              helperText={fieldError('unitAmount') ?? 'e.g. 12.50; negative for a reduction'}
              slotProps={{ htmlInput: { inputMode: 'decimal' } }}
            />
          </Stack>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={add.isPending}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant="contained"
          disabled={add.isPending || !description.trim() || !unitAmount.trim()}
        >
          Add line
        </Button>
      </DialogActions>
    </Dialog>
  )
}
