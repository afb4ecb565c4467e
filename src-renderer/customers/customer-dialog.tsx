import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import FormControlLabel from '@mui/material/FormControlLabel'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState, type SyntheticEvent } from 'react'
import type { PlanSummary } from '../../src-shared/domain/catalog'
import type { Customer } from '../../src-shared/domain/customers'
import { todayIso } from '../catalog/catalog-format'
import { usePlans } from '../catalog/queries'
import { ErrorAlert } from '../error-alert'
import { currencyName, currencyOptions } from '../settings/options'
import { SuggestField } from '../settings/suggest-field'
import {
  emptyForm,
  formOf,
  splitErrors,
  toInput,
  type CustomerForm,
  type FormErrors,
  type FormField,
} from './customer-form'
import { useSaveCustomer } from './queries'

type Props = {
  /** The customer to edit; absent to create one. */
  customer?: Customer
  onClose: () => void
  onSaved: (customer: Customer) => void
}

const planLabel = (plan: PlanSummary): string =>
  plan.current ? `${plan.name} (${plan.id}) · version ${plan.current.version}` : plan.name

/** Create or edit a customer and their subscription; the server's messages show under fields. */
export const CustomerDialog = ({ customer, onClose, onSaved }: Props) => {
  const save = useSaveCustomer()
  const plans = usePlans()
  const [form, setForm] = useState<CustomerForm>(() =>
    customer ? formOf(customer, todayIso()) : emptyForm(todayIso()),
  )
  const [errors, setErrors] = useState<FormErrors>({})
  const [showAlert, setShowAlert] = useState(false)
  const subscription = customer?.subscription ?? null

  // Only plans with a published version can be subscribed to; keep the current one listed anyway.
  const choosable = (plans.data ?? []).filter(
    (plan) => plan.current !== null || plan.id === subscription?.planId,
  )
  // While the plans load, the chosen id still needs an option or the select shows nothing.
  const unlisted = form.planId && !choosable.some((plan) => plan.id === form.planId)
  const noPlan = !form.planId
  // Invoiced periods were cut by the plan, start and anchor: those change only by a plan change.
  const invoiced = subscription?.billedThrough?.slice(0, 10) ?? null

  const set = <F extends FormField>(field: F, value: CustomerForm[F]): void => {
    setForm((current) => ({ ...current, [field]: value }))
    setErrors((current) => ({ ...current, [field]: undefined }))
  }

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    // The dialog renders in a portal, but React still bubbles its submit to any outer form.
    event.stopPropagation()
    if (save.isPending) return
    save.mutate(toInput(form, customer), {
      onSuccess: onSaved,
      onError: (error) => {
        const split = splitErrors(error)
        setErrors(split.fields)
        setShowAlert(split.unplaced)
      },
    })
  }

  const text = (
    field: Exclude<FormField, 'taxExempt'>,
    label: string,
    extra: {
      multiline?: boolean
      type?: string
      helperText?: string
      readOnly?: boolean
      disabled?: boolean
      numeric?: boolean
    } = {},
  ) => (
    <TextField
      name={field}
      label={label}
      value={form[field]}
      onChange={(event) => set(field, event.target.value)}
      error={Boolean(errors[field])}
      helperText={errors[field] ?? extra.helperText}
      type={extra.type}
      disabled={extra.disabled}
      fullWidth
      {...(extra.multiline ? { multiline: true, minRows: 2 } : {})}
      slotProps={{
        ...(extra.type === 'date' ? { inputLabel: { shrink: true } } : {}),
        input: { readOnly: extra.readOnly },
        htmlInput: { inputMode: extra.numeric ? 'numeric' : undefined },
      }}
    />
  )

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="md"
      fullWidth
      slotProps={{ paper: { component: 'form', onSubmit: submit } }}
    >
      <DialogTitle>{customer ? `Edit ${customer.name}` : 'New customer'}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {showAlert && save.error ? <ErrorAlert error={save.error} /> : null}
          <Stack direction="row" spacing={2}>
            {text('externalId', 'External id', {
              readOnly: Boolean(customer),
              helperText: customer
                ? 'Fixed: usage events name the customer by it'
                : 'The id your systems use; usage events name the customer by it',
            })}
            {text('name', 'Name')}
          </Stack>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            {/* Not type="email": the browser would block the save before the server explains. */}
            {text('email', 'Email')}
            <Stack sx={{ width: '100%' }}>
              <SuggestField
                name="currency"
                label="Currency"
                value={form.currency}
                options={currencyOptions}
                onChange={(value) => set('currency', value)}
                error={errors.currency}
                describe={currencyName}
                helperText="Leave blank for the plan's currency"
              />
            </Stack>
          </Stack>
          {text('billingAddress', 'Billing address', { multiline: true })}
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            {text('taxRegion', 'Tax region', { helperText: 'e.g. DE, US-CA' })}
            <FormControlLabel
              sx={{ width: '100%', mt: 0.5 }}
              control={
                <Checkbox
                  name="taxExempt"
                  checked={form.taxExempt}
                  onChange={(event) => set('taxExempt', event.target.checked)}
                />
              }
              label="Tax exempt"
            />
          </Stack>
          {text('notes', 'Notes', { multiline: true })}
          <Typography variant="subtitle2" component="h3" sx={{ pt: 1 }}>
            Subscription
          </Typography>
          <TextField
            select
            name="planId"
            label="Plan"
            value={form.planId}
            onChange={(event) => set('planId', event.target.value)}
            error={Boolean(errors.planId)}
            disabled={invoiced !== null}
            helperText={
              errors.planId ??
              (invoiced
                ? `Invoiced through ${invoiced}: use Change plan, which prorates the period`
                : plans.isError
                  ? 'The plans could not be loaded'
                  : subscription && subscription.planId === form.planId
                    ? `Stays on version ${subscription.planVersion} until the plan is changed`
                    : "Subscribes to the plan's version in effect today")
            }
            fullWidth
          >
            {subscription ? null : (
              <MenuItem value="">
                <em>No plan</em>
              </MenuItem>
            )}
            {unlisted ? <MenuItem value={form.planId}>{form.planId}</MenuItem> : null}
            {choosable.map((plan) => (
              <MenuItem key={plan.id} value={plan.id}>
                {planLabel(plan)}
              </MenuItem>
            ))}
          </TextField>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            {text('startDate', 'Start date', {
              type: 'date',
              disabled: noPlan || invoiced !== null,
            })}
            {text('billingAnchorDay', 'Billing anchor day', {
              helperText: invoiced
                ? 'Fixed once invoiced'
                : "1 to 31; blank for the start date's day",
              disabled: noPlan || invoiced !== null,
              numeric: true,
            })}
            {text('trialEnd', 'Trial end', {
              type: 'date',
              // A new subscription left blank takes its plan's trial (the server decides).
              helperText: subscription
                ? 'Blank for no trial'
                : "Blank for the plan's trial; the start date for none",
              disabled: noPlan,
            })}
          </Stack>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained" disabled={save.isPending}>
          {customer ? 'Save' : 'Create customer'}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
