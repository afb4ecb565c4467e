import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { ErrorAlert } from '../error-alert'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { BillingSettingsForm } from './billing-settings-form'
import { InstanceCard } from './instance-card'
import { LedgerSection } from './ledger-section'
import { PaymentsSettingsForm } from './payments-settings-form'
import { useSettings } from './queries'
import { SettingsForm } from './settings-form'
import { StripeKeyForm } from './stripe-key-form'

export const SettingsPage = () => {
  const settings = useSettings()
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
          <SettingsForm settings={settings.data} />
          <BillingSettingsForm settings={settings.data} />
          <Stack spacing={2} sx={{ maxWidth: 720 }}>
            <Typography variant="h6" component="h2">
              Payments
            </Typography>
            <StripeKeyForm />
            <PaymentsSettingsForm settings={settings.data} />
          </Stack>
          <LedgerSection />
          <Stack sx={{ maxWidth: 720 }}>
            <InstanceCard />
          </Stack>
        </Stack>
      ) : null}
    </>
  )
}
