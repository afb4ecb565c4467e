import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import { useWatch } from 'react-hook-form'
import { DiscountInputSchema, type DiscountInput } from '../../src-shared/domain/billing'
import { lastMonth } from '../billing-runs/period'
import { contractResolver } from '../form/contract-resolver'
import { FormDialog } from '../form/form-dialog'
import { FormTextField } from '../form/form-text-field'
import { placeIn } from '../form/server-errors'
import { useDialogForm } from '../form/use-dialog-form'
import { useBusinessZone } from '../invoices/period-format'
import { useCreateDiscount } from './billing-queries'
import { discountInputOf, discountProblems, type DiscountForm } from './ledger-forms'

type Props = { externalId: string; currency: string; onClose: () => void }

/** The month after last month: the period now running, the usual first one a discount affects. */
const currentMonth = (timeZone: string): string => {
  const [year = 0, month = 1] = lastMonth(timeZone).split('-').map(Number)
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`
}

const placeDiscountError = placeIn([
  'description',
  'value',
  'periods',
  'startsWith',
] as const satisfies readonly (keyof DiscountForm)[])

/** A percent or fixed discount for once, a number of periods, or forever. */
export const DiscountDialog = ({ externalId, currency, onClose }: Props) => {
  const create = useCreateDiscount()
  const zone = useBusinessZone()
  const { form, dialog } = useDialogForm<DiscountForm, DiscountInput, unknown>({
    form: {
      defaultValues: {
        description: '',
        kind: 'percent',
        value: '',
        duration: 'once',
        periods: '3',
        startsWith: currentMonth(zone),
      },
      resolver: contractResolver(
        DiscountInputSchema,
        (typed) => discountInputOf(externalId, currency, typed),
        { problems: (typed) => discountProblems(typed, currency) },
      ),
    },
    mutation: create,
    place: placeDiscountError,
    onSaved: onClose,
  })
  const { control } = form
  const [kind, duration] = useWatch({ control, name: ['kind', 'duration'] })

  return (
    <FormDialog title="New discount" {...dialog} onCancel={onClose} submitLabel="Create discount">
      <FormTextField
        control={control}
        autoFocus
        name="description"
        label="Description"
        helperText="Printed on the invoice"
      />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <FormTextField control={control} select name="kind" label="Kind" sx={{ width: 200 }}>
          <MenuItem value="percent">Percent</MenuItem>
          <MenuItem value="fixed">Fixed amount</MenuItem>
        </FormTextField>
        <FormTextField
          control={control}
          name="value"
          label={kind === 'percent' ? 'Percent' : `Amount (${currency})`}
          inputMode="decimal"
        />
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <FormTextField
          control={control}
          select
          name="duration"
          label="Duration"
          sx={{ width: 200 }}
        >
          <MenuItem value="once">Once</MenuItem>
          <MenuItem value="repeating">For a number of periods</MenuItem>
          <MenuItem value="forever">Forever</MenuItem>
        </FormTextField>
        {duration === 'repeating' ? (
          <FormTextField
            control={control}
            name="periods"
            label="Periods"
            inputMode="numeric"
            sx={{ width: 120 }}
          />
        ) : null}
        <FormTextField control={control} type="month" name="startsWith" label="First period" />
      </Stack>
    </FormDialog>
  )
}
