import DialogContentText from '@mui/material/DialogContentText'
import MenuItem from '@mui/material/MenuItem'
import type { Invoice } from '../../src-shared/domain/billing'
import {
  DisputeOpenInputSchema,
  type DisputeDetail,
  type DisputeOpenInput,
} from '../../src-shared/domain/disputes'
import { parseMajor } from '../../src-shared/money'
import { contractResolver } from '../form/contract-resolver'
import { FormDialog } from '../form/form-dialog'
import { FormTextField } from '../form/form-text-field'
import { placeIn } from '../form/server-errors'
import { useDialogForm } from '../form/use-dialog-form'
import { money } from '../invoices/money'
import { useDisputeStep } from './queries'

type OpenForm = {
  lineId: string
  reason: string
  amount: string
  contact: string
  deadline: string
  note: string
}

const placeOpenError = placeIn(
  ['lineId', 'reason', 'amount', 'contact', 'deadline', 'note'] as const,
  { amountMinor: 'amount' },
)

/** What was typed, as the channel takes it; a blank amount disputes the whole (line or invoice). */
const inputOf = (invoice: Invoice, form: OpenForm): DisputeOpenInput => ({
  invoiceId: invoice.id,
  reason: form.reason,
  ...(form.lineId ? { lineId: Number(form.lineId) } : {}),
  ...(form.amount.trim()
    ? { amountMinor: parseMajor(form.amount, invoice.currency) ?? Number.NaN }
    : {}),
  ...(form.contact.trim() ? { contact: form.contact } : {}),
  ...(form.deadline ? { deadline: form.deadline } : {}),
  ...(form.note.trim() ? { note: form.note } : {}),
})

type Props = { invoice: Invoice; onClose: () => void; onSaved: (dispute: DisputeDetail) => void }

/** Flags a finalized or paid invoice, or one of its lines, as disputed by the customer. */
export const OpenDisputeDialog = ({ invoice, onClose, onSaved }: Props) => {
  const open = useDisputeStep('disputes:open')
  const { form, dialog } = useDialogForm<OpenForm, DisputeOpenInput, DisputeDetail>({
    form: {
      defaultValues: { lineId: '', reason: '', amount: '', contact: '', deadline: '', note: '' },
      resolver: contractResolver(DisputeOpenInputSchema, (typed) => inputOf(invoice, typed), {
        rename: { amountMinor: 'amount' },
        problems: (typed): Record<string, string> =>
          typed.amount.trim() && parseMajor(typed.amount, invoice.currency) === undefined
            ? { amount: `An amount in ${invoice.currency} such as 25.00` }
            : {},
      }),
    },
    mutation: open,
    place: placeOpenError,
    onSaved,
  })
  const { control } = form
  const beforeTax = invoice.totalMinor - invoice.taxMinor
  return (
    <FormDialog title="Flag a dispute" {...dialog} onCancel={onClose} submitLabel="Flag dispute">
      <DialogContentText>
        The customer contests invoice {invoice.number} or one of its lines. Amounts are before tax
        (the whole invoice: {money(beforeTax, invoice.currency)}); accepting the dispute later
        credits it with its tax.
      </DialogContentText>
      <FormTextField control={control} select name="lineId" label="What is disputed">
        <MenuItem value="">The whole invoice</MenuItem>
        {invoice.lines
          .filter((line) => line.amountMinor > 0)
          .map((line) => (
            <MenuItem key={line.id} value={String(line.id)}>
              {line.description} ({money(line.amountMinor, invoice.currency)})
            </MenuItem>
          ))}
      </FormTextField>
      <FormTextField control={control} autoFocus name="reason" label="Reason" />
      <FormTextField
        control={control}
        name="amount"
        label={`Amount (${invoice.currency}, optional)`}
        inputMode="decimal"
        helperText="Blank: the whole invoice or line"
      />
      <FormTextField control={control} name="contact" label="Customer contact (name, email)" />
      <FormTextField control={control} type="date" name="deadline" label="Deadline (optional)" />
      <FormTextField control={control} name="note" label="Note (optional)" multiline minRows={2} />
    </FormDialog>
  )
}
