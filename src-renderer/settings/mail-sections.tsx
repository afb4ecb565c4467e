import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import type { Control } from 'react-hook-form'
import { FormSection } from '../form/form-section'
import { FormTextField } from '../form/form-text-field'
import type { EditedSettings, SettingsForm } from './settings-values'

type Props = { control: Control<SettingsForm, unknown, EditedSettings> }

/** The SMTP server invoices and reminders go out through, and when reminders are sent. */
export const MailSections = ({ control }: Props) => (
  <>
    <FormSection
      title="Email server"
      hint="Invoices and payment reminders are emailed through this SMTP server. The password is set under Security below; it is never stored in the ledger."
    >
      <Stack direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap' }}>
        <FormTextField control={control} name="mail.host" label="SMTP host" sx={{ width: 260 }} />
        <FormTextField
          control={control}
          name="mail.port"
          label="Port"
          inputMode="numeric"
          sx={{ width: 110 }}
        />
        <FormTextField
          control={control}
          name="mail.security"
          label="Security"
          select
          sx={{ width: 160 }}
        >
          <MenuItem value="tls">TLS</MenuItem>
          <MenuItem value="starttls">STARTTLS</MenuItem>
          <MenuItem value="none">None</MenuItem>
        </FormTextField>
        <FormTextField control={control} name="mail.user" label="User" sx={{ width: 240 }} />
        <FormTextField
          control={control}
          name="mail.from"
          label="From address"
          helperText="Sent as the company name with this address"
          sx={{ width: 300 }}
        />
      </Stack>
    </FormSection>
    <FormSection
      title="Reminders"
      hint="Days counted in the business time zone. A customer gets reminders at their billing email only; a desktop closed over several steps sends the latest one."
    >
      <Stack direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap' }}>
        <FormTextField
          control={control}
          name="mail.dueInDays"
          label="Payment due in (days)"
          helperText="e.g. 3 (empty: none)"
          sx={{ width: 220 }}
        />
        <FormTextField
          control={control}
          name="mail.overdueAfterDays"
          label="Overdue after (days)"
          helperText="A sequence, e.g. 7, 14, 30"
          sx={{ width: 220 }}
        />
      </Stack>
    </FormSection>
  </>
)
