import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import { ErrorAlert } from '../error-alert'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { BillingSettingsForm } from './billing-settings-form'
import { useSettings } from './queries'
import { SettingsForm } from './settings-form'

export const SettingsPage = () => {
  const settings = useSettings()
  return (
    <>
      <PageHeader
        title={areas.settings.label}
        description="Who you bill as, the clock and currency billing runs use, taxes, the schedule and numbering."
      />
      {settings.isPending ? <LinearProgress aria-label="Loading settings" /> : null}
      {settings.isError ? <ErrorAlert error={settings.error} /> : null}
      {settings.data ? (
        <Stack spacing={4}>
          <SettingsForm settings={settings.data} />
          <BillingSettingsForm settings={settings.data} />
        </Stack>
      ) : null}
    </>
  )
}
