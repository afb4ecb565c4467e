import AddOutlined from '@mui/icons-material/AddOutlined'
import DeleteOutlined from '@mui/icons-material/DeleteOutlined'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormLabel from '@mui/material/FormLabel'
import IconButton from '@mui/material/IconButton'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useId, useState, type SyntheticEvent } from 'react'
import type { CreditNote, Invoice } from '../../src-shared/domain/billing'
import { parseMajor } from '../../src-shared/money'
import { ApiError } from '../api'
import { ErrorAlert } from '../error-alert'
import { money } from './money'
import { useInvoiceAction } from './queries'

type Draft = { key: number; description: string; amount: string }
type Settlement = CreditNote['settlement']

type Props = { invoice: Invoice; onClose: () => void }

/**
 * Corrects a finalized invoice. Amounts are typed in major units and converted to minor units
 * exactly (parseMajor); a line that cannot be converted blocks the submit and says why.
 */
export const CreditNoteDialog = ({ invoice, onClose }: Props) => {
  const issue = useInvoiceAction('invoices:credit-note')
  const { currency } = invoice
  const [reason, setReason] = useState('')
  const [settlement, setSettlement] = useState<Settlement>('credit_balance')
  const [lines, setLines] = useState<Draft[]>([{ key: 0, description: '', amount: '' }])
  const [nextKey, setNextKey] = useState(1)
  const settlementId = useId()

  const parsed = lines.map((line) => parseMajor(line.amount, currency))
  const amountProblem = (index: number): string | undefined => {
    const line = lines[index]
    if (!line || line.amount.trim() === '') return undefined
    const minor = parsed[index]
    if (minor === undefined) return `An amount in ${currency} such as 10.00`
    return minor === 0 ? 'Must be more than zero' : undefined
  }
  const ready =
    reason.trim() !== '' &&
    lines.every((line, index) => line.description.trim() !== '' && (parsed[index] ?? 0) > 0)
  const sum = parsed.reduce<number>((total, minor) => total + (minor ?? 0), 0)
  const fields = issue.error instanceof ApiError ? (issue.error.fields ?? {}) : {}

  const update = (key: number, patch: Partial<Draft>): void =>
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...patch } : line)))

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    event.stopPropagation()
    if (!ready || issue.isPending) return
    issue.mutate(
      {
        invoiceId: invoice.id,
        reason: reason.trim(),
        settlement,
        lines: lines.map((line, index) => ({
          description: line.description.trim(),
          amountMinor: parsed[index] ?? 0,
        })),
      },
      { onSuccess: onClose },
    )
  }

  return (
    <Dialog
      open
      onClose={issue.isPending ? undefined : onClose}
      maxWidth="sm"
      fullWidth
      slotProps={{ paper: { component: 'form', onSubmit: submit } }}
    >
      <DialogTitle>Issue a credit note</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <DialogContentText>
            A credit note corrects invoice {invoice.number} (total{' '}
            {money(invoice.totalMinor, currency)}) without changing it. Amounts are before tax; tax
            is credited at the invoice&apos;s rate.
          </DialogContentText>
          {issue.error ? <ErrorAlert error={issue.error} /> : null}
          <TextField
            autoFocus
            required
            label="Reason"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={Boolean(fields['reason'])}
            helperText={fields['reason']}
          />
          <Stack spacing={1.5} role="group" aria-label="Credit note lines">
            {lines.map((line, index) => (
              <Stack key={line.key} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
                <TextField
                  required
                  label={`Line ${index + 1} description`}
                  value={line.description}
                  onChange={(event) => update(line.key, { description: event.target.value })}
                  sx={{ flex: 1 }}
                />
                <TextField
                  required
                  label={`Line ${index + 1} amount (${currency})`}
                  value={line.amount}
                  onChange={(event) => update(line.key, { amount: event.target.value })}
                  error={Boolean(amountProblem(index))}
                  helperText={amountProblem(index)}
                  slotProps={{ htmlInput: { inputMode: 'decimal' } }}
                  sx={{ width: 190 }}
                />
                <IconButton
                  aria-label={`Remove line ${index + 1}`}
                  disabled={lines.length === 1}
                  onClick={() => setLines((current) => current.filter((l) => l.key !== line.key))}
                  sx={{ mt: 1 }}
                >
                  <DeleteOutlined />
                </IconButton>
              </Stack>
            ))}
            <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
              <Button
                startIcon={<AddOutlined />}
                onClick={() => {
                  setLines((current) => [...current, { key: nextKey, description: '', amount: '' }])
                  setNextKey((key) => key + 1)
                }}
              >
                Add line
              </Button>
              <Typography variant="body2">Before tax: {money(sum, currency)}</Typography>
            </Stack>
          </Stack>
          <div>
            <FormLabel id={settlementId}>Settlement</FormLabel>
            <RadioGroup
              aria-labelledby={settlementId}
              value={settlement}
              onChange={(event) =>
                setSettlement(event.target.value === 'refund' ? 'refund' : 'credit_balance')
              }
            >
              <FormControlLabel
                value="credit_balance"
                control={<Radio />}
                label="Add to the customer's credit balance"
              />
              <FormControlLabel
                value="refund"
                control={<Radio />}
                label="Refund (paid back outside Meterbook)"
              />
            </RadioGroup>
          </div>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={issue.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={!ready || issue.isPending}>
          Issue credit note
        </Button>
      </DialogActions>
    </Dialog>
  )
}
