import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import { useEffect } from 'react'
import { useWatch } from 'react-hook-form'
import type { Plan } from '../../src-shared/domain/catalog'
import { inputSchemas, type In } from '../../src-shared/ipc/contract'
import { contractResolver } from '../form/contract-resolver'
import { FormDialog } from '../form/form-dialog'
import { FormSuggestField } from '../form/form-suggest-field'
import { FormTextField } from '../form/form-text-field'
import { useDialogForm } from '../form/use-dialog-form'
import { currencyName, currencyOptions } from '../settings/options'
import { exampleAmount } from './plan-form'
import { intervalUnitOptions } from './plan-fields'
import {
  newPlanInputOf,
  newPlanProblems,
  placeNewPlanError,
  slugOf,
  type NewPlanForm,
} from './new-plan-form'
import { useCreatePlan } from './queries'

type Props = {
  defaultCurrency: string
  onClose: () => void
  onCreated: (plan: Plan) => void
}

const resolver = contractResolver(inputSchemas['catalog:create-plan'], newPlanInputOf, {
  rename: { 'terms.basePriceMinor': 'basePrice' },
  problems: newPlanProblems,
})

/** Creates a plan with its first draft: the basics here, features in the editor that follows. */
export const NewPlanDialog = ({ defaultCurrency, onClose, onCreated }: Props) => {
  const create = useCreatePlan()
  const { form, dialog } = useDialogForm<NewPlanForm, In<'catalog:create-plan'>, Plan>({
    form: {
      defaultValues: {
        id: '',
        name: '',
        basePrice: '0.00',
        terms: { currency: defaultCurrency, interval: { unit: 'month', count: '1' } },
      },
      resolver,
    },
    mutation: create,
    place: placeNewPlanError,
    onSaved: onCreated,
  })
  const { control, setValue, getFieldState } = form
  const [name, currency] = useWatch({ control, name: ['name', 'terms.currency'] })

  // The id follows the name until the operator types one of their own.
  useEffect(() => {
    if (!getFieldState('id').isDirty) setValue('id', slugOf(name))
  }, [name, getFieldState, setValue])

  return (
    <FormDialog title="New plan" {...dialog} onCancel={onClose} submitLabel="Create plan">
      <FormTextField control={control} name="name" label="Name" autoFocus fullWidth />
      <FormTextField
        control={control}
        name="id"
        label="ID"
        helperText="Lowercase letters, digits, - and _; fixed once created"
        fullWidth
      />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Stack sx={{ flex: 1 }}>
          <FormSuggestField
            control={control}
            name="terms.currency"
            label="Currency"
            options={currencyOptions}
            describe={currencyName}
          />
        </Stack>
        <FormTextField
          control={control}
          name="basePrice"
          label="Base price"
          helperText={`Per interval, e.g. ${exampleAmount(currency)}`}
          inputMode="decimal"
          sx={{ width: 180 }}
        />
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <FormTextField
          control={control}
          name="terms.interval.count"
          label="Every"
          inputMode="numeric"
          sx={{ width: 90 }}
        />
        <FormTextField
          control={control}
          select
          name="terms.interval.unit"
          label="Interval"
          sx={{ width: 160 }}
        >
          {intervalUnitOptions.map((option) => (
            <MenuItem key={option.value} value={option.value}>
              {option.label}
            </MenuItem>
          ))}
        </FormTextField>
      </Stack>
    </FormDialog>
  )
}
