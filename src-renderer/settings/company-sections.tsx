import Stack from '@mui/material/Stack'
import type { Control } from 'react-hook-form'
import { FormSection } from '../form/form-section'
import { FormSuggestField } from '../form/form-suggest-field'
import { FormTextField } from '../form/form-text-field'
import { currencyName, currencyOptions, timeZoneOptions } from './options'
import type { EditedSettings, SettingsForm } from './settings-values'

type Props = { control: Control<SettingsForm, unknown, EditedSettings> }

/** Who the invoices come from, and the zone and currency billing runs by. */
export const CompanySections = ({ control }: Props) => (
  <>
    <FormSection title="Seller details" hint="Printed on every invoice." id="seller-details">
      <Stack spacing={2}>
        <FormTextField control={control} name="companyName" label="Company name" fullWidth />
        <FormTextField
          control={control}
          name="companyAddress"
          label="Company address"
          multiline
          minRows={3}
          fullWidth
        />
        {/* Not type="email": the browser would block the save before the schema explains. */}
        <FormTextField control={control} name="companyEmail" label="Company email" fullWidth />
        <FormTextField control={control} name="taxId" label="Tax id" fullWidth />
      </Stack>
    </FormSection>
    <FormSection
      title="Billing defaults"
      hint="Billing periods close at midnight in the business time zone."
    >
      <Stack spacing={2}>
        <FormSuggestField
          control={control}
          name="businessTimeZone"
          label="Business time zone"
          options={timeZoneOptions}
        />
        <FormSuggestField
          control={control}
          name="defaultCurrency"
          label="Default currency"
          options={currencyOptions}
          describe={currencyName}
        />
      </Stack>
    </FormSection>
  </>
)
