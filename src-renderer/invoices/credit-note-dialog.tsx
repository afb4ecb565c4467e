import AddOutlined from '@mui/icons-material/AddOutlined'
import DeleteOutlined from '@mui/icons-material/DeleteOutlined'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import IconButton from '@mui/material/IconButton'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { useState, type SyntheticEvent } from 'react'
import type { CreditNoteSettlement, Invoice } from '../../src-shared/domain/billing'
import { parseMajor } from '../../src-shared/money'
import { ApiError } from '../api'
import { channelQuery } from '../channel-query'
import { ErrorAlert } from '../error-alert'
import { money } from './money'
import { useInvoiceAction } from './queries'
import { SettlementChoice, settlementTexts, unavailable } from './settlement-choice'

type Draft = { key: number; description: string; amount: string }
type Props = { invoice: Invoice; onClose: () => void }

/**
 * Corrects a finalized invoice. Amounts are typed in major units and converted to minor units
 * exactly (parseMajor); a line that cannot be converted blocks the submit and says why. Where
 * the money goes is chosen explicitly, then confirmed on a second step that says what happens.
 */
export const CreditNoteDialog = ({ invoice, onClose }: Props) => {
  const issue = useInvoiceAction('invoices:credit-note')
  const { currency } = invoice
  const [reason, setReason] = useState('')
  const [settlement, setSettlement] = useState<CreditNoteSettlement | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [lines, setLines] = useState<Draft[]>([{ key: 0, description: '', amount: '' }])
  const [nextKey, setNextKey] = useState(1)
  const payment = useQuery(channelQuery('payments:invoice', { invoiceId: invoice.id }))
  const collectedThroughStripe = payment.data?.collectedThroughStripe === true
  const credited = invoice.creditNotes.reduce((total, note) => total + note.totalMinor, 0)
  const left = Math.max(0, invoice.totalMinor - credited)

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
    settlement !== null &&
    unavailable(settlement, invoice, collectedThroughStripe) === undefined &&
    lines.every((line, index) => line.description.trim() !== '' && (parsed[index] ?? 0) > 0)
  const sum = parsed.reduce<number>((total, minor) => total + (minor ?? 0), 0)
  const fields = issue.error instanceof ApiError ? (issue.error.fields ?? {}) : {}

  const update = (key: number, patch: Partial<Draft>): void =>
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...patch } : line)))

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    event.stopPropagation()
    if (!ready || issue.isPending) return
    if (!confirming) {
      setConfirming(true)
      return
    }
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
      { onSuccess: onClose, onError: () => setConfirming(false) },
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
      {confirming && settlement ? (
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <DialogContentText>
              Please confirm. Credit note on invoice {invoice.number}: {money(sum, currency)} before
              tax, plus tax at the invoice&apos;s rate.
            </DialogContentText>
            <DialogContentText>
              <strong>{settlementTexts[settlement].label}.</strong>{' '}
              {settlementTexts[settlement].effect}
            </DialogContentText>
          </Stack>
        </DialogContent>
      ) : (
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <DialogContentText>
              A credit note corrects invoice {invoice.number} (total{' '}
              {money(invoice.totalMinor, currency)}) without changing it. Amounts are before tax;
              tax is credited at the invoice&apos;s rate. Left to credit, tax included:{' '}
              {money(left, currency)}.
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
                    setLines((current) => [
                      ...current,
                      { key: nextKey, description: '', amount: '' },
                    ])
                    setNextKey((key) => key + 1)
                  }}
                >
                  Add line
                </Button>
                <Typography variant="body2">Before tax: {money(sum, currency)}</Typography>
              </Stack>
            </Stack>
            <SettlementChoice
              invoice={invoice}
              collectedThroughStripe={collectedThroughStripe}
              value={settlement}
              error={fields['settlement']}
              onChange={setSettlement}
            />
          </Stack>
        </DialogContent>
      )}
      <DialogActions>
        {confirming ? (
          <Button onClick={() => setConfirming(false)} disabled={issue.isPending}>
            Back
          </Button>
        ) : (
          <Button onClick={onClose} disabled={issue.isPending}>
            Cancel
          </Button>
        )}
        <Button
          type="submit"
          variant="contained"
          color={confirming && settlement === 'stripe_refund' ? 'error' : 'primary'}
          disabled={!ready || issue.isPending}
        >
          {confirming && settlement ? settlementTexts[settlement].confirm : 'Issue credit note'}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
