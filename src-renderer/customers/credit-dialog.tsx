import DialogContentText from '@mui/material/DialogContentText'
import MenuItem from '@mui/material/MenuItem'
import { useWatch } from 'react-hook-form'
import { CreditInputSchema, type CreditInput } from '../../src-shared/domain/billing'
import { contractResolver } from '../form/contract-resolver'
import { FormDialog } from '../form/form-dialog'
import { FormTextField } from '../form/form-text-field'
import { placeIn } from '../form/server-errors'
import { useDialogForm } from '../form/use-dialog-form'
import { useAddCredit } from './billing-queries'
import { creditInputOf, creditProblems, type CreditForm } from './ledger-forms'

type Props = { externalId: string; currency: string; onClose: () => void }

const placeCreditError = placeIn(['amount', 'expiresOn', 'note'] as const, {
  amountMinor: 'amount',
})

/**
 * Grants prepaid credit, or records a refund of credit paid back. The amount is typed in major
 * units and converted exactly (parseMajor); the ledger is in the customer's currency.
 */
export const CreditDialog = ({ externalId, currency, onClose }: Props) => {
  const add = useAddCredit()
  const { form, dialog } = useDialogForm<CreditForm, CreditInput, unknown>({
    form: {
      defaultValues: { kind: 'grant', amount: '', expiresOn: '', note: '' },
      resolver: contractResolver(
        CreditInputSchema,
        (typed) => creditInputOf(externalId, currency, typed),
        {
          rename: { amountMinor: 'amount' },
          problems: (typed) => creditProblems(typed, currency),
        },
      ),
    },
    mutation: add,
    place: placeCreditError,
    onSaved: onClose,
  })
  const { control } = form
  const kind = useWatch({ control, name: 'kind' })

  return (
    <FormDialog
      title="Add to the credit ledger"
      {...dialog}
      onCancel={onClose}
      submitLabel={kind === 'grant' ? 'Grant credit' : 'Record refund'}
      maxWidth="xs"
    >
      <DialogContentText>
        Credit is consumed by the next invoices before tax. A refund takes credit out of the balance
        because it was paid back.
      </DialogContentText>
      <FormTextField control={control} select name="kind" label="Kind">
        <MenuItem value="grant">Grant credit</MenuItem>
        <MenuItem value="refund">Refund credit</MenuItem>
      </FormTextField>
      <FormTextField
        control={control}
        autoFocus
        name="amount"
        label={`Amount (${currency})`}
        inputMode="decimal"
      />
      {kind === 'grant' ? (
        <FormTextField
          control={control}
          type="date"
          name="expiresOn"
          label="Expires on (optional)"
          helperText="Unused credit expires at the end of that day"
        />
      ) : null}
      <FormTextField control={control} name="note" label="Note" multiline minRows={2} />
    </FormDialog>
  )
}
