import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { ErrorAlert } from '../error-alert'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { useCan } from '../session/queries'
import { InstanceCard } from './instance-card'
import { LedgerSection } from './ledger-section'
import { OperatorsSection } from './operators-section'
import { useSettings } from './queries'
import { SettingsForm } from './settings-form'
import { SetupBanner } from './setup-banner'
import { StripeKeyForm } from './stripe-key-form'
import { MailOutboxPanel, SmtpPasswordForm } from '../mail/mail-panel'

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
          <SetupBanner settings={settings.data} />
          <Stack
            component="fieldset"
            disabled={!editable}
            sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}
          >
            <SettingsForm settings={settings.data} />
          </Stack>
          {editable ? (
            <Stack spacing={2} sx={{ maxWidth: 720 }}>
              <Typography variant="h6" component="h2">
                Security
              </Typography>
              <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                The Stripe key and the operators are not part of Save above: each change here is a
                security action, made by its own button and audited on its own.
              </Typography>
              <StripeKeyForm />
              <SmtpPasswordForm />
            </Stack>
          ) : null}
          <Stack sx={{ maxWidth: 960 }}>
            <MailOutboxPanel />
          </Stack>
          <OperatorsSection />
          <LedgerSection />
          <Stack sx={{ maxWidth: 720 }}>
            <InstanceCard />
          </Stack>
        </Stack>
      ) : null}
    </>
  )
}
