import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useWatch } from 'react-hook-form'
import type { PlanSummary } from '../../src-shared/domain/catalog'
import {
  CustomerInputSchema,
  type Customer,
  type CustomerInput,
} from '../../src-shared/domain/customers'
import { todayIso } from '../catalog/catalog-format'
import { usePlans } from '../catalog/queries'
import { contractResolver } from '../form/contract-resolver'
import { FormDialog } from '../form/form-dialog'
import { FormSuggestField } from '../form/form-suggest-field'
import { FormSwitch } from '../form/form-switch'
import { FormTextField } from '../form/form-text-field'
import { useDialogForm } from '../form/use-dialog-form'
import { currencyName, currencyOptions } from '../settings/options'
import {
  customerProblems,
  emptyForm,
  formOf,
  placeCustomerError,
  toInput,
  type CustomerForm,
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

/** Create or edit a customer and their subscription; the contract's messages show under fields. */
export const CustomerDialog = ({ customer, onClose, onSaved }: Props) => {
  const save = useSaveCustomer()
  const plans = usePlans()
  const { form, dialog } = useDialogForm<CustomerForm, CustomerInput, Customer>({
    form: {
      defaultValues: customer ? formOf(customer, todayIso()) : emptyForm(todayIso()),
      resolver: contractResolver(CustomerInputSchema, (typed) => toInput(typed, customer), {
        problems: customerProblems,
      }),
    },
    mutation: save,
    place: placeCustomerError,
    onSaved,
  })
  const { control } = form
  const planId = useWatch({ control, name: 'subscription.planId' })
  const subscription = customer?.subscription ?? null

  // Only plans with a published version can be subscribed to; keep the current one listed anyway.
  const choosable = (plans.data ?? []).filter(
    (plan) => plan.current !== null || plan.id === subscription?.planId,
  )
  // While the plans load, the chosen id still needs an option or the select shows nothing.
  const unlisted = planId && !choosable.some((plan) => plan.id === planId)
  const noPlan = !planId
  // Invoiced periods were cut by the plan, start and anchor: those change only by a plan change.
  const invoiced = subscription?.billedThrough?.slice(0, 10) ?? null

  return (
    <FormDialog
      title={customer ? `Edit ${customer.name}` : 'New customer'}
      {...dialog}
      onCancel={onClose}
      submitLabel={customer ? 'Save' : 'Create customer'}
      maxWidth="md"
    >
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <FormTextField
          control={control}
          name="externalId"
          label="External id"
          readOnly={Boolean(customer)}
          helperText={
            customer
              ? 'Fixed: usage events name the customer by it'
              : 'The id your systems use; usage events name the customer by it'
          }
          fullWidth
        />
        <FormTextField control={control} name="name" label="Name" fullWidth />
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        {/* Not type="email": the browser would block the save before the schema explains. */}
        <FormTextField control={control} name="email" label="Email" fullWidth />
        <FormTextField
          control={control}
          name="billingEmail"
          label="Billing email"
          helperText="Where invoices and payment reminders are emailed; empty: none are"
          fullWidth
        />
        <Stack sx={{ width: '100%' }}>
          <FormSuggestField
            control={control}
            name="currency"
            label="Currency"
            options={currencyOptions}
            describe={currencyName}
            helperText="Leave blank for the plan's currency"
          />
        </Stack>
      </Stack>
      <FormTextField
        control={control}
        name="billingAddress"
        label="Billing address"
        multiline
        minRows={2}
        fullWidth
      />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <FormTextField
          control={control}
          name="taxRegion"
          label="Tax region"
          helperText="e.g. DE, US-CA"
          fullWidth
        />
        <FormSwitch
          control={control}
          name="taxExempt"
          label="Tax exempt"
          variant="checkbox"
          sx={{ width: '100%', mt: 0.5 }}
        />
      </Stack>
      <FormTextField control={control} name="notes" label="Notes" multiline minRows={2} fullWidth />
      <Typography variant="subtitle2" component="h3" sx={{ pt: 1 }}>
        Subscription
      </Typography>
      <FormTextField
        control={control}
        select
        name="subscription.planId"
        label="Plan"
        disabled={invoiced !== null}
        helperText={
          invoiced
            ? `Invoiced through ${invoiced}: use Change plan, which prorates the period`
            : plans.isError
              ? 'The plans could not be loaded'
              : subscription && subscription.planId === planId
                ? `Stays on version ${subscription.planVersion} until the plan is changed`
                : "Subscribes to the plan's version in effect today"
        }
        fullWidth
      >
        {subscription ? null : (
          <MenuItem value="">
            <em>No plan</em>
          </MenuItem>
        )}
        {unlisted ? <MenuItem value={planId}>{planId}</MenuItem> : null}
        {choosable.map((plan) => (
          <MenuItem key={plan.id} value={plan.id}>
            {planLabel(plan)}
          </MenuItem>
        ))}
      </FormTextField>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <FormTextField
          control={control}
          name="subscription.startDate"
          label="Start date"
          type="date"
          disabled={noPlan || invoiced !== null}
          fullWidth
        />
        <FormTextField
          control={control}
          name="subscription.billingAnchorDay"
          label="Billing anchor day"
          helperText={invoiced ? 'Fixed once invoiced' : "1 to 31; blank for the start date's day"}
          disabled={noPlan || invoiced !== null}
          inputMode="numeric"
          fullWidth
        />
        <FormTextField
          control={control}
          name="subscription.trialEnd"
          label="Trial end"
          type="date"
          // A new subscription left blank takes its plan's trial (the server decides).
          helperText={
            subscription
              ? 'Blank for no trial'
              : "Blank for the plan's trial; the start date for none"
          }
          disabled={noPlan}
          fullWidth
        />
      </Stack>
    </FormDialog>
  )
}
