import DialogContentText from '@mui/material/DialogContentText'
import MenuItem from '@mui/material/MenuItem'
import { useWatch } from 'react-hook-form'
import type { CreditNoteSettlement } from '../../src-shared/domain/billing'
import {
  DisputeResolveInputSchema,
  DisputeReviewInputSchema,
  type Dispute,
  type DisputeDetail,
  type DisputeResolution,
  type DisputeResolveInput,
  type DisputeReviewInput,
} from '../../src-shared/domain/disputes'
import { contractResolver } from '../form/contract-resolver'
import { FormDialog } from '../form/form-dialog'
import { FormTextField } from '../form/form-text-field'
import { placeIn } from '../form/server-errors'
import { useDialogForm } from '../form/use-dialog-form'
import { money } from '../invoices/money'
import { useDisputeStep } from './queries'

type Props = { dispute: Dispute; onClose: () => void }

/** open → under review: what is being done about it. */
export const ReviewDialog = ({ dispute, onClose }: Props) => {
  const review = useDisputeStep('disputes:review')
  const { form, dialog } = useDialogForm<{ note: string }, DisputeReviewInput, DisputeDetail>({
    form: {
      defaultValues: { note: '' },
      resolver: contractResolver(DisputeReviewInputSchema, ({ note }) => ({
        id: dispute.id,
        note,
      })),
    },
    mutation: review,
    place: placeIn(['note'] as const),
    onSaved: onClose,
  })
  return (
    <FormDialog
      title="Take under review"
      {...dialog}
      onCancel={onClose}
      submitLabel="Start review"
      maxWidth="xs"
    >
      <FormTextField
        control={form.control}
        autoFocus
        name="note"
        label="Note"
        multiline
        minRows={2}
        helperText="What is being checked, and with whom"
      />
    </FormDialog>
  )
}

type ResolveForm = {
  resolution: DisputeResolution
  note: string
  settlement: CreditNoteSettlement
}

/** under review → resolved: accepted with a credit note, or rejected with a note saying why. */
export const ResolveDialog = ({ dispute, onClose }: Props) => {
  const resolve = useDisputeStep('disputes:resolve')
  const { form, dialog } = useDialogForm<ResolveForm, DisputeResolveInput, DisputeDetail>({
    form: {
      defaultValues: { resolution: 'accepted', note: '', settlement: 'credit_balance' },
      resolver: contractResolver(DisputeResolveInputSchema, (typed) => ({
        id: dispute.id,
        resolution: typed.resolution,
        ...(typed.note.trim() ? { note: typed.note } : {}),
        ...(typed.resolution === 'accepted' ? { settlement: typed.settlement } : {}),
      })),
    },
    mutation: resolve,
    place: placeIn(['resolution', 'note', 'settlement'] as const, { lines: 'resolution' }),
    onSaved: onClose,
  })
  const { control } = form
  const resolution = useWatch({ control, name: 'resolution' })
  return (
    <FormDialog title="Resolve the dispute" {...dialog} onCancel={onClose} submitLabel="Resolve">
      <DialogContentText>
        Accepting issues a credit note for {money(dispute.amountMinor, dispute.currency)} plus tax
        at the invoice&apos;s rate. Rejecting issues nothing and needs a note saying why.
      </DialogContentText>
      <FormTextField control={control} select name="resolution" label="Resolution">
        <MenuItem value="accepted">Accept: credit the customer</MenuItem>
        <MenuItem value="rejected">Reject: the invoice stands</MenuItem>
      </FormTextField>
      {resolution === 'accepted' ? (
        <FormTextField control={control} select name="settlement" label="Credit goes to">
          <MenuItem value="credit_balance">The customer&apos;s credit balance</MenuItem>
          <MenuItem value="stripe_refund">A refund through Stripe</MenuItem>
          <MenuItem value="paid_outside">Paid back outside Meterbook</MenuItem>
        </FormTextField>
      ) : null}
      <FormTextField
        control={control}
        name="note"
        label={resolution === 'rejected' ? 'Why it is rejected' : 'Note (optional)'}
        multiline
        minRows={2}
      />
    </FormDialog>
  )
}
