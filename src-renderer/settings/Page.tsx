import LinearProgress from '@mui/material/LinearProgress'
import { ErrorAlert } from '../error-alert'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { useSettings } from './queries'
import { SettingsForm } from './settings-form'

export const SettingsPage = () => {
  const settings = useSettings()
  return (
    <>
      <PageHeader
        title={areas.settings.label}
        description="Who you bill as, and the clock and currency billing runs use."
      />
      {settings.isPending ? <LinearProgress aria-label="Loading settings" /> : null}
      {settings.isError ? <ErrorAlert error={settings.error} /> : null}
      {settings.data ? <SettingsForm settings={settings.data} /> : null}
    </>
  )
}
