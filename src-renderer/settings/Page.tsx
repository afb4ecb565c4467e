import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { ErrorAlert } from '../error-alert'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { useCan } from '../session/queries'
import { BillingSettingsForm } from './billing-settings-form'
import { InstanceCard } from './instance-card'
import { LedgerSection } from './ledger-section'
import { OperatorsSection } from './operators-section'
import { PaymentsSettingsForm } from './payments-settings-form'
import { useSettings } from './queries'
import { SettingsForm } from './settings-form'
import { StripeKeyForm } from './stripe-key-form'

export const SettingsPage = () => {
  const settings = useSettings()
  // A role that may not change settings sees them read-only: a disabled fieldset disables every
  // input and button inside it.
  const editable = useCan()('settings:update')
  return (
    <>
      <PageHeader
        title={areas.settings.label}
        description="Who you bill as, the clock and currency billing runs use, taxes, the schedule and numbering, Stripe and retries."
      />
      {settings.isPending ? <LinearProgress aria-label="Loading settings" /> : null}
      {settings.isError ? <ErrorAlert error={settings.error} /> : null}
      {settings.data ? (
        <Stack spacing={4}>
          <Stack
            component="fieldset"
            disabled={!editable}
            spacing={4}
            sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}
          >
            <SettingsForm settings={settings.data} />
            <BillingSettingsForm settings={settings.data} />
            <Stack spacing={2} sx={{ maxWidth: 720 }}>
              <Typography variant="h6" component="h2">
                Payments
              </Typography>
              {editable ? <StripeKeyForm /> : null}
              <PaymentsSettingsForm settings={settings.data} />
            </Stack>
          </Stack>
          <LedgerSection />
          <Stack sx={{ maxWidth: 720 }}>
            <InstanceCard />
          </Stack>
          <OperatorsSection />
        </Stack>
      ) : null}
    </>
  )
}
